import Foundation
import PostgresLibPQ
import RekapDomain
import RekapTestSupport
import Testing

/// `GET /v1/rankings/...` and `GET /v1/reports/{city}/{year}`: the CLI's own output, in the token's scope.
@Suite(.timeLimit(.minutes(10))) struct RankingAndReportAPITests {
    /// Four kecamatan reports and PBB-P2 feeds of Dumai 2023, stored through the CLI, and consolidated
    /// (so rekapd's worker, recomputing on their notifications, can only compute the same aggregates again).
    static func seed(_ server: APIServer) async throws {
        for kecamatan in ["14.72.01", "14.72.02", "14.72.03", "14.72.04"] {
            let stored = try await server.rekap(["submit", RepositoryFiles.demoSubmissions.appendingPathComponent("\(kecamatan)-2023.json").path])
            #expect(stored.termination == .exited(0), "\(stored.stderr)")
        }
        let feeds = try Fixtures.pbbFeeds(objects: 2000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("api-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(feeds.ketetapan).write(to: directory.appendingPathComponent("k.csv"))
        try Data(feeds.pembayaran).write(to: directory.appendingPathComponent("p.csv"))
        let loaded = try await server.rekap(["pbb", "load", "--ketetapan", directory.appendingPathComponent("k.csv").path,
                                             "--pembayaran", directory.appendingPathComponent("p.csv").path])
        #expect(loaded.termination == .exited(0), "\(loaded.stderr)")
        let consolidated = try await server.rekap(["consolidate", "--city", "14.72", "--year", "2023"])
        #expect(consolidated.termination == .exited(0), "\(consolidated.stderr)")
    }

    /// rekapd with a worker that waits 10 minutes before acting on a notification: no recompute
    /// behind the test's back between the API's answer and the CLI's.
    static let quietWorker = ["--debounce-ms", "600000"]

    /// A request that states no language preference: FoundationNetworking's URLSession otherwise sends
    /// `Accept-Language` for the machine's locale (English here), which a program such as curl does not.
    static let noPreference = ["Accept-Language": "*"]

    @Test func rankingsAreExactlyWhatRekapRankPrints() async throws {
        try await APIServer.with(Self.quietWorker) { server in
            try await Self.seed(server)
            let cases: [(String, [String])] = [
                ("pbb?city=14.72&year=2023", ["pbb", "--level", "kelurahan"]),
                ("pbb?year=2023&level=kecamatan&lowest=true", ["pbb", "--level", "kecamatan", "--lowest"]),
                ("pbb?year=2023&as_of=2023-09-30", ["pbb", "--as-of", "2023-09-30"]),
                ("iku?year=2023", ["iku"]),
                ("iku?year=2023&indicator=IKM&lowest=1", ["iku", "--indicator", "IKM", "--lowest"]),
                ("penyerapan?year=2023", ["penyerapan"]),
                ("penyerapan?year=2023&lowest=true", ["penyerapan", "--lowest"]),
                ("awards?year=2023", ["awards"]),
            ]
            for (query, arguments) in cases {
                let response = try await server.client.get("/v1/rankings/\(query)", token: server.tokens.bappeda)
                #expect(response.status == 200, "\(query): \(response.text)")
                #expect(response.headers["content-type"] == "application/json; charset=utf-8")
                let cli = try await server.rekap(["rank"] + arguments + ["--city", "14.72", "--year", "2023", "--format", "json"])
                #expect(cli.termination == .exited(0), "\(cli.stderr)")
                #expect(response.text == cli.stdout, "\(query)")
                #expect(try response.json != .array([]), "\(query) ranked nothing")
            }
            // Revenue reads the PBB-P2 ranking of its city, the same text.
            let revenue = try await server.client.get("/v1/rankings/pbb?year=2023", token: server.tokens.revenue)
            let bappeda = try await server.client.get("/v1/rankings/pbb?year=2023", token: server.tokens.bappeda)
            #expect(revenue.status == 200 && revenue.text == bappeda.text)
        }
    }

    @Test func theAggregatesHeaderSaysFreshStaleOrRecomputed() async throws {
        try await APIServer.with(Self.quietWorker) { server in
            try await Self.seed(server)
            let path = "/v1/rankings/penyerapan?year=2023"
            // A year nobody reported is not computed on demand (RecomputeOnDemandTests).
            let never = try await server.client.get("/v1/rankings/penyerapan?year=2024", token: server.tokens.bappeda)
            #expect(never.status == 404 && never.errorCode == "no_data")
            let second = try await server.client.get(path, token: server.tokens.bappeda)
            #expect(second.headers["rekap-aggregates"] == "fresh" && second.headers["rekap-stale-reason"] == nil)

            let later = try await server.rekap(["submit", RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.05-2023.json").path])
            #expect(later.termination == .exited(0))
            let stale = try await server.client.get(path, token: server.tokens.bappeda)
            #expect(stale.headers["rekap-aggregates"] == "stale")
            #expect(stale.headers["rekap-stale-reason"]?.contains("1 submission") == true, "\(stale.headers)")
            #expect(stale.text == second.text)  // read as they are

            let fresh = try await server.client.get(path + "&fresh=true", token: server.tokens.bappeda)
            #expect(fresh.headers["rekap-aggregates"] == "recomputed")
            #expect(fresh.text != stale.text)  // now with Dumai Kota's budget
            let report = try await server.client.get("/v1/reports/14.72/2023", token: server.tokens.bappeda)
            #expect(report.headers["rekap-aggregates"] == "fresh")
        }
    }

    @Test func rankingsAreReadOnlyByTheirReaders() async throws {
        try await APIServer.with { server in
            let tokens = server.tokens
            let forbidden: [(String, String)] = [
                ("pbb?year=2023", tokens.kecamatan), ("pbb?year=2023", tokens.kelurahan),
                ("iku?year=2023", tokens.revenue), ("penyerapan?year=2023", tokens.revenue), ("awards?year=2023", tokens.revenue),
                ("iku?year=2023", tokens.kecamatan), ("awards?year=2023", tokens.kelurahan),
                ("pbb?year=2023&city=14.72", tokens.otherCityBappeda), ("iku?year=2023&city=14.72", tokens.otherCityBappeda),
                ("pbb?year=2023&city=14.71", tokens.revenue),
            ]
            for (query, token) in forbidden {
                let response = try await server.client.get("/v1/rankings/\(query)", token: token)
                #expect(response.status == 403 && response.errorCode == "forbidden", "\(query)")
            }
            // Bappeda of the other city may read its own city; it has no data for the year, so nothing
            // is computed: 404, not 403.
            let own = try await server.client.get("/v1/rankings/penyerapan?year=2023", token: tokens.otherCityBappeda)
            #expect(own.status == 404 && own.errorCode == "no_data", "\(own.text)")
        }
    }

    @Test func malformedRankingParametersAre400AndAnUnknownIndicator404() async throws {
        try await APIServer.with { server in
            for query in [
                "pbb", "pbb?year=20x3", "pbb?year=1800", "pbb?year=2023&city=14", "pbb?year=2023&city=14.72.02",
                "pbb?year=2023&level=provinsi", "pbb?year=2023&as_of=2023-02-30", "iku?year=2023&lowest=maybe",
                "awards?year=2023&lowest=true",
            ] {
                let response = try await server.client.get("/v1/rankings/\(query)", token: server.tokens.bappeda)
                #expect(response.status == 400 && response.errorCode == "bad_request", "\(query): \(response.text)")
            }
            try await Self.seed(server)
            let unknown = try await server.client.get("/v1/rankings/iku?year=2023&indicator=NOPE", token: server.tokens.bappeda)
            #expect(unknown.status == 404 && unknown.string("message")?.contains("NOPE") == true)
        }
    }

    @Test func theReportIsWhatRekapReportRendersInEveryFormat() async throws {
        try await APIServer.with(Self.quietWorker) { server in
            try await Self.seed(server)
            // No language preference, as curl sends (URLSession would ask for the machine's): the CLI's default.
            let json = try await server.client.send("GET", "/v1/reports/14.72/2023", token: server.tokens.bappeda, headers: Self.noPreference)
            #expect(json.status == 200 && json.headers["content-type"] == "application/json; charset=utf-8")
            let cli = try await server.rekap(["report", "--city", "14.72", "--year", "2023", "--format", "json"])
            #expect(cli.termination == .exited(0))
            // Identical but for the moment each was generated.
            func withoutGeneratedAt(_ text: String) -> String {
                text.split(separator: "\n").filter { !$0.contains("\"generated_at\"") }.joined(separator: "\n")
            }
            #expect(withoutGeneratedAt(json.text) == withoutGeneratedAt(cli.stdout))
            #expect(json.string("format") == "rekap.report/v1")

            for (format, type, marker) in [
                ("html", "text/html; charset=utf-8", "<html"), ("md", "text/markdown; charset=utf-8", "|"),
                ("csv", "text/csv; charset=utf-8", ","), ("json", "application/json; charset=utf-8", "\"format\""),
            ] {
                let response = try await server.client.get("/v1/reports/14.72/2023?format=\(format)", token: server.tokens.bappeda)
                #expect(response.status == 200 && response.headers["content-type"] == type, "\(format)")
                #expect(response.text.contains(marker), "\(format)")
            }
        }
    }

    /// Every format in the reader's language, decided as pages decide it (`?lang=`, the rekap_lang
    /// cookie, Accept-Language): Bahasa Indonesia by default; CSV and JSON keys never change.
    @Test func theReportIsInTheReadersLanguage() async throws {
        try await APIServer.with(Self.quietWorker) { server in
            try await Self.seed(server)
            let bappeda = server.tokens.bappeda
            func markdown(_ query: String = "", headers: [String: String] = Self.noPreference) async throws -> String {
                let response = try await server.client.send("GET", "/v1/reports/14.72/2023?format=md" + query, token: bappeda, headers: headers)
                #expect(response.status == 200, "\(query) \(headers)")
                return response.text
            }
            let indonesian = try await markdown()
            #expect(indonesian.contains("### Realisasi Anggaran per Program (lih. Tabel 3.7)") && indonesian.contains("| Uraian Temuan"))
            #expect(indonesian.contains("total pagu murni yang dilaporkan") && !indonesian.contains("reported total pagu\\_murni"))
            #expect(!indonesian.contains("Budget realisation by program") && !indonesian.contains("Open findings by submission"))
            // The switch in the address, else the cookie, else Accept-Language.
            for (query, headers) in [("&lang=en", Self.noPreference), ("", ["Accept-Language": "en-US,en;q=0.9"]),
                                     ("", ["Cookie": "rekap_lang=en", "Accept-Language": "id"]), ("&lang=en", ["Accept-Language": "id"])] {
                let english = try await markdown(query, headers: headers)
                #expect(english.contains("### Budget realisation by program (cf. Tabel 3.7)") && english.contains("| Message"), "\(query) \(headers)")
                #expect(english.contains("reported total pagu\\_murni") && !english.contains("total pagu murni yang dilaporkan"), "\(query) \(headers)")
            }
            #expect(try await markdown("&lang=id", headers: ["Accept-Language": "en"]).contains("| Uraian Temuan"))
            #expect(try await markdown("", headers: ["Accept-Language": "id"]).contains("| Uraian Temuan"))
            let html = try await server.client.get("/v1/reports/14.72/2023?format=html&lang=en", token: bappeda)
            #expect(html.text.contains("<html lang=\"en\">") && html.text.contains("<h3>Open findings by submission</h3>"))
            // CSV: the same header rows in both languages; JSON: the same keys, message in English and message_id beside it.
            let csvID = try await server.client.send("GET", "/v1/reports/14.72/2023?format=csv", token: bappeda, headers: Self.noPreference).text
            let csvEN = try await server.client.get("/v1/reports/14.72/2023?format=csv&lang=en", token: bappeda).text
            func headerRows(_ csv: String) -> [Substring] { csv.split(separator: "\r\n").filter { $0.hasPrefix("section,") } }
            #expect(!headerRows(csvID).isEmpty && headerRows(csvID) == headerRows(csvEN))
            #expect(csvID.contains("total pagu murni yang dilaporkan") && csvEN.contains("reported total pagu_murni"))
            let json = try await server.client.send("GET", "/v1/reports/14.72/2023", token: bappeda, headers: Self.noPreference).text
            #expect(json.contains("\"message\": \"reported total pagu_murni") && json.contains("\"message_id\": \"total pagu murni yang dilaporkan"))
        }
    }

    @Test func theReportIsBappedasOfTheCityAndItsParametersAreChecked() async throws {
        try await APIServer.with { server in
            for token in [server.tokens.kecamatan, server.tokens.kelurahan, server.tokens.revenue, server.tokens.otherCityBappeda] {
                let response = try await server.client.get("/v1/reports/14.72/2023", token: token)
                #expect(response.status == 403 && response.errorCode == "forbidden")
            }
            for path in ["/v1/reports/14/2023", "/v1/reports/14.72.02/2023", "/v1/reports/14.72/20x3", "/v1/reports/14.72/2023?format=pdf"] {
                let response = try await server.client.get(path, token: server.tokens.bappeda)
                #expect(response.status == 400, "\(path): \(response.text)")
            }
        }
    }
}
