import Foundation
import RekapDomain
import RekapTestSupport
import Testing

/// `rekap template` against a database filled through the CLI: the workbook of a stored report holds
/// its revision, a new year starts from last year's rows, plan documents get their own layout, and
/// bad options are usage errors.
@Suite(.timeLimit(.minutes(10))) struct TemplateCommandTests {
    func withDumaiTimur(_ label: String, _ body: (String, URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withScratchDatabase(label: label) { configuration in
            let url = databaseURL(configuration)
            for arguments in [["db", "migrate"], ["regions", "import", RepositoryFiles.dumaiCSV.path],
                              ["submit", RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.02-2023.json").path]] {
                let run = try await runRekap(arguments + ["--database", url])
                #expect(run.status == 0, "\(arguments): \(run)")
            }
            try await body(url, folder)
        }
    }

    /// Runs `rekap template` and returns openpyxl's sheets by name (nil: openpyxl missing, skipped).
    func template(_ arguments: [String], url: String, folder: URL) async throws -> [String: [String: Any]]? {
        let file = folder.appendingPathComponent("\(UUID().uuidString).xlsx")
        let run = try await runRekap(["template"] + arguments + ["--out", file.path, "--database", url])
        #expect(run.status == 0, "\(arguments): \(run)")
        #expect(run.stderr.contains("wrote the"))
        guard let description = try await SpreadsheetTools.openpyxl(file) else {
            print("openpyxl is not installed (pip install openpyxl): template command checks skipped")
            return nil
        }
        let sheets = try #require(description["sheets"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: sheets.map { ($0["name"] as! String, $0["cells"] as! [String: Any]) })
    }

    func value(_ sheets: [String: [String: Any]], _ sheet: String, _ cell: String) -> String? {
        ((sheets[sheet]?[cell]) as? [String: Any])?["v"] as? String
    }

    @Test func aStoredReportsTemplateHoldsItsRevision() async throws {
        try await withDumaiTimur("cli_template_revision") { url, folder in
            guard let sheets = try await template(["--region", "14.72.02", "--year", "2023"], url: url, folder: folder) else { return }
            #expect(value(sheets, "rekap", "B3") == "14.72.02" && value(sheets, "rekap", "B6") == "1")
            #expect(value(sheets, "Identitas", "B4") == "Dumai Timur")
            #expect(value(sheets, "Indikator", "A4") == "IKM" && value(sheets, "Indikator", "F4") == "87" && value(sheets, "Indikator", "G4") == "91.72")
            #expect(value(sheets, "Anggaran", "A4") == "Program")
            #expect(value(sheets, "PBB-P2", "A4") == "14.72.02.1002" && value(sheets, "PBB-P2", "B4") == "Teluk Binjai")

            // The next year: last year's rows, no values, no revision.
            guard let next = try await template(["--region", "14.72.02", "--year", "2024", "--period", "Q2"], url: url, folder: folder) else { return }
            #expect(value(next, "rekap", "B5") == "Q2" && value(next, "rekap", "A6") == nil)
            #expect(value(next, "Indikator", "A4") == "IKM" && value(next, "Indikator", "F4") == nil)

            // A kelurahan's own template lists only itself.
            guard let kelurahan = try await template(["--region", "14.72.02.1004", "--year", "2023"], url: url, folder: folder) else { return }
            #expect(value(kelurahan, "PBB-P2", "A4") == "14.72.02.1004" && value(kelurahan, "PBB-P2", "A5") == nil)

            guard let renstra = try await template(["--region", "14.72.02", "--document", "renstra", "--from", "2022", "--to", "2026"],
                                                   url: url, folder: folder) else { return }
            #expect(value(renstra, "Renstra", "M3") == "2026" && value(renstra, "rekap", "B2") == "renstra")
            guard let pk = try await template(["--region", "14.72.02", "--document", "pk", "--year", "2023", "--kind", "perubahan"],
                                              url: url, folder: folder) else { return }
            #expect(value(pk, "Identitas", "B6") == "Perubahan" && value(pk, "rekap", "B5") == "perubahan")
        }
    }

    /// Seeded report → `rekap template` → `rekap convert` of the untouched file → the same document.
    @Test func convertOfAnUntouchedTemplateGivesTheRevisionBack() async throws {
        try await withDumaiTimur("cli_template_round_trip") { url, folder in
            let file = folder.appendingPathComponent("dumai-timur.xlsx")
            let made = try await runRekap(["template", "--region", "14.72.02", "--year", "2023", "--out", file.path, "--database", url])
            #expect(made.status == 0, "\(made)")
            let converted = try await runRekap(["convert", file.path, "--format", "json"])
            #expect(converted.status == 0, "\(converted)")
            var checker = SubmissionChecker()
            checker.knownRegion = nil
            guard case .accepted(let original, _, _, _) = checker.check(try DemoSubmissions.bytes("14.72.02")),
                  case .accepted(let back, _, _, _) = checker.check(Array(converted.stdout.utf8)) else {
                Issue.record("not accepted: \(converted.stdout)")
                return
            }
            #expect(back == original)
        }
    }

    @Test func badOptionsAreUsageErrors() async throws {
        try await withDumaiTimur("cli_template_usage") { url, folder in
            let out = folder.appendingPathComponent("x.xlsx").path
            let cases: [([String], String)] = [
                (["--region", "14.72.02"], "--year is required"),
                (["--region", "14.72.02", "--document", "renstra", "--from", "2022", "--to", "2030"], "at most five years"),
                (["--region", "14.72.02", "--year", "2023", "--period", "Q5"], "--period"),
                (["--region", "14.72", "--year", "2023"], "not a kecamatan, kelurahan or desa"),
                (["--region", "14.72.99", "--year", "2023"], "unknown region 14.72.99"),
            ]
            for (arguments, message) in cases {
                let run = try await runRekap(["template"] + arguments + ["--out", out, "--database", url])
                #expect(run.status == 64, "\(arguments): \(run)")
                #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: out))
            }
        }
    }
}
