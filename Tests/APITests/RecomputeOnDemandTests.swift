import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// Recomputes on demand are bounded (issue: a revenue token asking rankings for 1900-1959 with `fresh`
/// started 60 full recomputes): a year the city has no data for answers 404 without any work, and
/// `fresh=true` recomputes at most once per token per `--fresh-interval-seconds` (429 with
/// Retry-After beyond).
@Suite(.timeLimit(.minutes(3))) struct RecomputeOnDemandTests {
    /// City/years with aggregates, and consolidation jobs (each recompute is one), for any city and year.
    static func work(_ server: APIServer) throws -> (runs: Int, jobs: Int) {
        let conn = try server.connect()
        defer { conn.close() }
        return (try conn.queryValue(Int.self, "SELECT count(*)::int FROM agg_run") ?? -1,
                try conn.queryValue(Int.self, "SELECT count(*)::int FROM consolidation_job") ?? -1)
    }

    @Test func yearsWithoutDataAre404WithoutARecompute() async throws {
        try await APIServer.with { server in
            for year in 1900...1909 {
                let pbb = try await server.client.get("/v1/rankings/pbb?year=\(year)&fresh=true", token: server.tokens.revenue)
                #expect(pbb.status == 404 && pbb.errorCode == "no_data", "\(year): \(pbb.status) \(pbb.text)")
                let iku = try await server.client.get("/v1/rankings/iku?year=\(year)", token: server.tokens.bappeda)
                #expect(iku.status == 404 && iku.errorCode == "no_data", "\(year): \(iku.status) \(iku.text)")
            }
            let report = try await server.client.get("/v1/reports/14.72/2031?format=html&fresh=true", token: server.tokens.bappeda)
            #expect(report.status == 404 && report.errorCode == "no_data", "\(report.text)")
            let work = try Self.work(server)
            #expect(work.runs == 0 && work.jobs == 0, "\(work)")
        }
    }

    @Test func freshIsOneRecomputePerTokenPerInterval() async throws {
        try await APIServer.with(["--fresh-interval-seconds", "300", "--debounce-ms", "600000"]) { server in
            // One kecamatan report of 2023: the year has data.
            let stored = try await server.rekap(["submit", RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.02-2023.json").path])
            #expect(stored.termination == .exited(0), "\(stored.stderr)")
            let path = "/v1/rankings/penyerapan?year=2023"
            let first = try await server.client.get(path, token: server.tokens.bappeda)
            #expect(first.status == 200 && first.headers["rekap-aggregates"] == "recomputed")

            // Something new arrives: the aggregates are stale. One fresh recompute for this token...
            func arrive(_ kecamatan: String) async throws {
                let later = try await server.rekap(["submit", RepositoryFiles.demoSubmissions.appendingPathComponent("\(kecamatan)-2023.json").path])
                #expect(later.termination == .exited(0), "\(later.stderr)")
            }
            try await arrive("14.72.03")
            let fresh = try await server.client.get(path + "&fresh=true", token: server.tokens.bappeda)
            #expect(fresh.status == 200 && fresh.headers["rekap-aggregates"] == "recomputed")
            let recomputes = try Self.work(server).jobs

            // ...and none more within the interval: 429 with Retry-After, nothing recomputed.
            try await arrive("14.72.04")
            for _ in 0..<3 {
                let again = try await server.client.get(path + "&fresh=true", token: server.tokens.bappeda)
                #expect(again.status == 429 && again.errorCode == "too_many_requests", "\(again.text)")
                let retry = try #require(again.headers["retry-after"].flatMap(Int.init))
                #expect(retry >= 1 && retry <= 300)
            }
            let report = try await server.client.get("/v1/reports/14.72/2023?fresh=true", token: server.tokens.bappeda)
            #expect(report.status == 429)
            // Without fresh=true the stale aggregates are read as they are.
            let stale = try await server.client.get(path, token: server.tokens.bappeda)
            #expect(stale.status == 200 && stale.headers["rekap-aggregates"] == "stale")
            #expect(try Self.work(server).jobs == recomputes)
        }
    }
}
