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

    static func planFixture(_ name: String) -> URL {
        RepositoryFiles.url("Tests/RekapDomainTests/Fixtures/plans/14.72.02-\(name).json")
    }

    /// The stored PKs give the report template its "Target PK" column: the perubahan PK's target where it
    /// has the indicator, else the murni one's.
    @Test func theReportTemplateShowsThePKTargets() async throws {
        try await withDumaiTimur("cli_template_pk_targets") { url, folder in
            // A PK perubahan that also signs PTPU, at 98 (the murni PK: IKM 92, PTPU 100, PPKC 100).
            var perubahan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.planFixture("pk-perubahan-2023"))) as? [String: Any])
            let murni = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.planFixture("pk-murni-2023"))) as? [String: Any])
            var ptpu = try #require((murni["indicators"] as? [[String: Any]])?.first { $0["code"] as? String == "PTPU" })
            ptpu["target"] = "98"
            perubahan["indicators"] = (perubahan["indicators"] as? [[String: Any]] ?? []) + [ptpu]
            let perubahanFile = folder.appendingPathComponent("pk-perubahan.json")
            try JSONSerialization.data(withJSONObject: perubahan).write(to: perubahanFile)
            for file in [Self.planFixture("pk-murni-2023").path, perubahanFile.path] {
                let run = try await runRekap(["submit", file, "--database", url])
                #expect(run.status == 0, "\(file): \(run)")
            }
            guard let sheets = try await template(["--region", "14.72.02", "--year", "2023"], url: url, folder: folder) else { return }
            #expect(value(sheets, "Indikator", "A4") == "IKM" && value(sheets, "Indikator", "P4") == "92")
            #expect(value(sheets, "Indikator", "A5") == "PTPU" && value(sheets, "Indikator", "P5") == "98")
            #expect(value(sheets, "Indikator", "A6") == "PPKC" && value(sheets, "Indikator", "P6") == "100")
            // No PK of 2024: last year's rows, no target shown.
            guard let earlier = try await template(["--region", "14.72.02", "--year", "2024"], url: url, folder: folder) else { return }
            #expect(value(earlier, "Indikator", "A4") == "IKM" && value(earlier, "Indikator", "P4") == nil)
        }
    }

    /// A stored Renstra's and PK's templates hold their latest revision: `rekap convert` of the
    /// untouched file gives the stored document back.
    @Test func aStoredPlanDocumentsTemplateGivesItBack() async throws {
        try await withDumaiTimur("cli_template_plans") { url, folder in
            let cases: [(fixture: String, arguments: [String])] = [
                ("renstra-2022-2026", ["--document", "renstra", "--from", "2022", "--to", "2026"]),
                ("pk-murni-2023", ["--document", "pk", "--year", "2023", "--kind", "murni"]),
                ("pk-perubahan-2023", ["--document", "pk", "--year", "2023", "--kind", "perubahan"]),
            ]
            for (fixture, arguments) in cases {
                let original = try Data(contentsOf: Self.planFixture(fixture))
                let stored = try await runRekap(["submit", Self.planFixture(fixture).path, "--database", url])
                #expect(stored.status == 0, "\(fixture): \(stored)")
                let file = folder.appendingPathComponent("\(fixture).xlsx")
                let made = try await runRekap(["template", "--region", "14.72.02"] + arguments + ["--out", file.path, "--database", url])
                #expect(made.status == 0, "\(fixture): \(made)")
                let converted = try await runRekap(["convert", file.path, "--format", "json"])
                #expect(converted.status == 0, "\(fixture): \(converted)")
                guard case .planAccepted(let want, _, _) = DocumentChecker().check(Array(original)),
                      case .planAccepted(let back, _, _) = DocumentChecker().check(Array(converted.stdout.utf8)) else {
                    Issue.record("\(fixture) not accepted: \(converted.stdout)")
                    continue
                }
                #expect(back == want, "\(fixture)")
            }
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
