import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// rekapd keeps rendered rankings between requests (RekapServer's AnswerCache): what it serves must
/// still be exactly what a fresh read would answer, to exactly the callers who may read it.
@Suite(.timeLimit(.minutes(10))) struct RankingCacheTests {
    static let path = "/v1/rankings/penyerapan?year=2023"

    @Test func aSubmissionTurnsTheAnswerStaleAtOnceAndARecomputeChangesIt() async throws {
        try await APIServer.with(RankingAndReportAPITests.quietWorker) { server in
            try await RankingAndReportAPITests.seed(server)
            let first = try await server.client.get(Self.path, token: server.tokens.bappeda)
            let cached = try await server.client.get(Self.path, token: server.tokens.bappeda)
            #expect(first.status == 200 && first.headers["rekap-aggregates"] == "fresh")
            #expect(cached.text == first.text && cached.headers["rekap-aggregates"] == "fresh")
            // The second one came from the cache, not from a second read.
            let metrics = try await server.client.get("/metrics").text
            #expect(metrics.contains(#"rekap_answer_cache_lookups_total{route="penyerapan",source="read"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"rekap_answer_cache_lookups_total{route="penyerapan",source="stored"} 1"#), "\(metrics)")

            // Another process stores a submission: the very next answer says stale (no recompute: the
            // worker waits 10 minutes), with the same ranking, read as it is.
            let later = try await server.rekap(["submit", RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.05-2023.json").path])
            #expect(later.termination == .exited(0), "\(later.stderr)")
            let stale = try await server.client.get(Self.path, token: server.tokens.bappeda)
            #expect(stale.headers["rekap-aggregates"] == "stale")
            #expect(stale.headers["rekap-stale-reason"]?.contains("1 submission") == true, "\(stale.headers)")
            #expect(stale.text == first.text)

            // A revision through the API itself: the reason counts it at once.
            var document = try String(contentsOf: RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.02-2023.json"), encoding: .utf8)
            document += "  "  // a new revision (a byte-identical repeat would store nothing)
            let posted = try await server.client.post("/v1/submissions", token: server.tokens.kecamatan, json: document)
            #expect(posted.status == 201, "\(posted.text)")
            let staler = try await server.client.get(Self.path, token: server.tokens.bappeda)
            #expect(staler.headers["rekap-stale-reason"]?.contains("2 submissions") == true, "\(staler.headers)")

            // Recomputed (by the API, as `rekap consolidate` would): the next answer has the new budget.
            let recompute = try await server.client.post("/v1/consolidations", token: server.tokens.bappeda,
                                                         json: #"{"city": "14.72", "year": 2023, "wait": true}"#)
            #expect(recompute.status == 200, "\(recompute.text)")
            let fresh = try await server.client.get(Self.path, token: server.tokens.bappeda)
            #expect(fresh.headers["rekap-aggregates"] == "fresh" && fresh.headers["rekap-stale-reason"] == nil)
            #expect(fresh.text != first.text)  // now with Dumai Kota's budget
            let cli = try await server.rekap(["rank", "penyerapan", "--city", "14.72", "--year", "2023", "--format", "json"])
            #expect(fresh.text == cli.stdout)
            let again = try await server.client.get(Self.path, token: server.tokens.bappeda)
            #expect(again.text == fresh.text && again.headers["rekap-aggregates"] == "fresh")
        }
    }

    @Test func aCachedAnswerIsNeverServedToATokenThatMayNotReadIt() async throws {
        try await APIServer.with(RankingAndReportAPITests.quietWorker) { server in
            try await RankingAndReportAPITests.seed(server)
            let tokens = server.tokens
            let queries = ["pbb?year=2023&city=14.72", "iku?year=2023&city=14.72", "penyerapan?year=2023&city=14.72"]
            // Bappeda of Dumai reads each twice: the answers are cached.
            for query in queries {
                for _ in 0..<2 {
                    let response = try await server.client.get("/v1/rankings/\(query)", token: tokens.bappeda)
                    #expect(response.status == 200, "\(query)")
                }
            }
            // The same queries by tokens that may not read them: 403, never the cached body.
            let refused: [(String, String)] = [
                (queries[0], tokens.otherCityBappeda), (queries[1], tokens.otherCityBappeda), (queries[2], tokens.otherCityBappeda),
                (queries[0], tokens.kecamatan), (queries[1], tokens.revenue), (queries[2], tokens.kelurahan),
            ]
            for (query, token) in refused {
                let response = try await server.client.get("/v1/rankings/\(query)", token: token)
                #expect(response.status == 403 && response.errorCode == "forbidden", "\(query): \(response.text)")
            }
            // Revenue may read the PBB-P2 ranking: its own read, the same text.
            let revenue = try await server.client.get("/v1/rankings/\(queries[0])", token: tokens.revenue)
            let bappeda = try await server.client.get("/v1/rankings/\(queries[0])", token: tokens.bappeda)
            #expect(revenue.status == 200 && revenue.text == bappeda.text)
            // Without a token: 401 before any lookup.
            let anonymous = try await server.client.get("/v1/rankings/\(queries[2])")
            #expect(anonymous.status == 401)
        }
    }

    @Test func aRevokedOrExpiredTokenIs401RightAfterItsCachedAnswers() async throws {
        try await APIServer.with(RankingAndReportAPITests.quietWorker) { server in
            try await RankingAndReportAPITests.seed(server)
            let conn = try server.connect()
            defer { conn.close() }
            let scope = try AccessScope(role: .bappeda, region: RegionCode(parsing: "14.72"))
            let created = try TokenStore.create(scope, label: "revoked soon", expiresAt: nil, on: conn)
            for _ in 0..<2 {
                let response = try await server.client.get(Self.path, token: created.secret)
                #expect(response.status == 200)
            }
            #expect(try TokenStore.revoke(id: created.token.id, at: Date(), on: conn))
            let revoked = try await server.client.get(Self.path, token: created.secret)
            #expect(revoked.status == 401 && revoked.string("message")?.contains("revoked") == true, "\(revoked.text)")

            // Expiry is the database's clock against expires_at, on every request.
            let expiring = try TokenStore.create(scope, label: "expiring", expiresAt: Date(timeIntervalSinceNow: 3600), on: conn)
            let before = try await server.client.get(Self.path, token: expiring.secret)
            #expect(before.status == 200)
            try conn.execute("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = \(expiring.token.id)")
            let expired = try await server.client.get(Self.path, token: expiring.secret)
            #expect(expired.status == 401 && expired.string("message")?.contains("expired") == true, "\(expired.text)")
        }
    }
}
