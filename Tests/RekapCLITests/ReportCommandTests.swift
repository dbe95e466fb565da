import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// `rekap report` run as users run it, on a database migrated by `rekap db migrate`, holding Kota
/// Dumai's regions and the seven demo submissions (stored through the SubmissionStore).
@Suite(.timeLimit(.minutes(10))) struct ReportCommandTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let demo = repository.appendingPathComponent("Sources/RekapCLI/DemoData")

    /// A migrated database with the demo city's regions and submissions; `body` gets its URL.
    func withDemoDatabase(_ label: String, _ body: (String) async throws -> Void) async throws {
        try await withDemoDatabase(label) { url, _ in try await body(url) }
    }

    /// Stores one more document (a new revision) in the database at `configuration`.
    func submit(_ text: String, to configuration: PGConfiguration) async throws {
        let client = PGClient(configuration: configuration, options: .init(maxConnections: 1))
        let outcome = try await SubmissionStore(client: client).submit(bytes: Array(text.utf8))
        await client.close()
        guard case .stored = outcome else { Issue.record("not stored: \(outcome)"); return }
    }

    /// Migrated with `rekap db migrate`, regions by `rekap regions import`, the demo by `rekap submit`.
    func withDemoDatabase(_ label: String, _ body: (String, PGConfiguration) async throws -> Void) async throws {
        try await withScratchDatabase(label: label) { configuration in
            let url = databaseURL(configuration)
            let migrate = try await runRekap(["db", "migrate", "--database", url])
            try #require(migrate.status == 0, "\(migrate)")
            let regions = try await runRekap(["regions", "import", Self.demo.appendingPathComponent("dumai.csv").path, "--database", url])
            try #require(regions.status == 0, "\(regions)")
            for kecamatan in 1...7 {
                let file = Self.demo.appendingPathComponent("submissions/14.72.0\(kecamatan)-2023.json")
                let submit = try await runRekap(["submit", file.path, "--database", url])
                try #require(submit.status == 0, "\(submit)")
            }
            try await body(url, configuration)
        }
    }

    @Test func everyFormatAndStaleness() async throws {
        try await withDemoDatabase("cli_report") { url, configuration in
            // Never consolidated: computed now (as rekap rank does), said on stderr; table is Markdown.
            let first = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--database", url])
            #expect(first.status == 0, "\(first)")
            #expect(first.stderr == "rekap: the aggregates of 14.72 2023 were never computed; computing them now\n")
            #expect(first.stdout.hasPrefix("# Laporan konsolidasi Kota Dumai (14.72) 2023"))
            // Dumai Timur's Tabel 3.7 total, its findings, and the figures are current.
            #expect(first.stdout.contains("| 12763150960 |"))
            #expect(first.stdout.contains("Dumai Timur"))
            #expect(first.stdout.contains("budget.pagu-murni-mismatch"))
            #expect(first.stdout.contains("**Angka**: mutakhir"))

            // A revision stored after the consolidation: stale, said on stderr and inside the report.
            let revised = String(decoding: try Data(contentsOf: Self.demo.appendingPathComponent("submissions/14.72.06-2023.json")), as: UTF8.self)
                .replacingOccurrences(of: "\"reported_capaian\": \"104.45\"", with: "\"reported_capaian\": \"104.75\"")
            try await submit(revised, to: configuration)
            let stale = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--format", "md", "--database", url])
            #expect(stale.status == 0, "\(stale)")
            #expect(stale.stderr.hasPrefix("rekap: the aggregates of 14.72 2023 are stale: 1 submission"))
            #expect(stale.stdout.contains("> **Peringatan:** angka belum mutakhir: 1 laporan (terbaru "))

            // --fresh recomputes first: the warning is gone.
            let fresh = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--format", "md", "--fresh", "--database", url])
            #expect(fresh.status == 0, "\(fresh)")
            #expect(fresh.stderr == "rekap: recomputing the aggregates of 14.72 2023 first (--fresh)\n")
            #expect(!fresh.stdout.contains("Peringatan"))

            let json = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--format", "json"],
                                          environment: ["DATABASE_URL": url])
            #expect(json.status == 0, "\(json)")
            let value = try JSONParser().parse(json.stdout)
            #expect(value["format"] == .string("rekap.report/v1"))
            #expect(value["stale"] == .bool(false))
            guard case .array(let boards) = value["leaderboards"] else { Issue.record("no leaderboards"); return }
            #expect(boards.count == 4)

            let html = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--format", "html", "--database", url])
            #expect(html.status == 0)
            #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
            #expect(html.stdout.contains("12.763.150.960") && html.stdout.contains("<html lang=\"id\">"))
            #expect(html.stdout.contains("<svg class=\"chart\""))

            // --output writes the file and nothing to stdout.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-report-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            let csv = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--format", "csv", "--output", file.path,
                                          "--database", url])
            #expect(csv.status == 0, "\(csv)")
            #expect(csv.stdout.isEmpty)
            #expect(csv.stderr.contains("wrote the csv report of Kota Dumai (14.72) 2023 to \(file.path)"))
            let written = try String(contentsOf: file, encoding: .utf8)
            #expect(written.hasPrefix("section,city,city_name,year,"))
            #expect(written.contains("efisiensi,14.72.02,Dumai Timur,"))
        }
    }

    /// Bahasa Indonesia by default in every format, English with `--lang en`: titles, headings and
    /// the findings' messages; the CSV's header rows are the same in both.
    @Test func theReportIsIndonesianByDefaultAndEnglishWithLangEn() async throws {
        try await withDemoDatabase("cli_report_lang") { url in
            func report(_ format: String, _ extra: [String] = []) async throws -> String {
                let run = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--format", format, "--database", url] + extra)
                #expect(run.status == 0, "\(run)")
                return run.stdout
            }
            let indonesian = try await report("md")
            #expect(indonesian.contains("### Realisasi Anggaran per Program (lih. Tabel 3.7)\n"))
            #expect(indonesian.contains("### Temuan Terbuka per Laporan\n"))
            #expect(indonesian.contains("| Uraian Temuan"))
            #expect(indonesian.contains("total pagu murni yang dilaporkan"))
            for english in ["Budget realisation by program", "Open findings by submission", "IKU across the city", "| Message", "reported total pagu\\_murni"] {
                #expect(!indonesian.contains(english), "\(english)")
            }
            let english = try await report("md", ["--lang", "en"])
            #expect(english.hasPrefix("# Consolidated report Kota Dumai (14.72) 2023"))
            #expect(english.contains("### Budget realisation by program (cf. Tabel 3.7)\n"))
            #expect(english.contains("### IKU across the city\n"))
            // (Markdown escapes the '_'.)
            #expect(english.contains("reported total pagu\\_murni") && !english.contains("total pagu murni yang dilaporkan"))
            let html = try await report("html", ["--lang", "en"])
            #expect(html.contains("<html lang=\"en\">") && html.contains("<h3>Open findings by submission</h3>"))
            // CSV: the same keys, each finding's message in the reader's language.
            let csvID = try await report("csv"), csvEN = try await report("csv", ["--lang", "en"])
            func headers(_ csv: String) -> [Substring] { csv.split(separator: "\r\n").filter { $0.hasPrefix("section,") } }
            #expect(headers(csvID) == headers(csvEN) && !headers(csvID).isEmpty)
            #expect(csvID.contains("total pagu murni yang dilaporkan") && csvEN.contains("reported total pagu_murni"))
            // JSON: the English message and the Indonesian one beside it, in both languages.
            for json in [try await report("json"), try await report("json", ["--lang", "en"])] {
                #expect(json.contains("\"message\": \"reported total pagu_murni") && json.contains("\"message_id\": \"total pagu murni yang dilaporkan"))
            }
            let refused = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--lang", "de", "--database", url])
            #expect(refused.status == 64, "\(refused)")
        }
    }

    @Test func badCityOrYearIsAUsageError() async throws {
        try await withDemoDatabase("cli_report_usage") { url in
            let kecamatan = try await runRekap(["report", "--city", "14.72.02", "--year", "2023", "--database", url])
            #expect(kecamatan.status == 64, "\(kecamatan)")
            #expect(kecamatan.stderr.contains("kota or kabupaten"))
            let unknown = try await runRekap(["report", "--city", "14.99", "--year", "2023", "--database", url])
            #expect(unknown.status == 64, "\(unknown)")
            #expect(unknown.stderr.contains("14.99"))
            #expect(unknown.stdout.isEmpty)
            let year = try await runRekap(["report", "--city", "14.72", "--year", "23", "--database", url])
            #expect(year.status == 64, "\(year)")
            let format = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--format", "pdf", "--database", url])
            #expect(format.status == 64, "\(format)")
        }
    }

    @Test func unreachableDatabaseExits69() async throws {
        let port = try closedLocalPort()
        let run = try await runRekap(["report", "--city", "14.72", "--year", "2023", "--database", "postgresql://postgres@127.0.0.1:\(port)/rekap"])
        #expect(run.status == 69, "\(run)")
        #expect(run.stdout.isEmpty)
    }
}
