import Foundation
import PostgresLibPQ
import RekapDomain
import RekapTestSupport
import Testing

/// `POST /v1/consolidations`: the shared queue, as `rekap consolidate`.
@Suite(.timeLimit(.minutes(10))) struct ConsolidationAPITests {
    @Test func bappedaRecomputesItsCityAndWaits() async throws {
        try await APIServer.with { server in
            let response = try await server.client.post("/v1/consolidations", token: server.tokens.bappeda, json: #"{"city":"14.72","year":2023}"#)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.string("status") == "done" && response.string("city") == "14.72" && response.number("year") == "2023")
            let jobID = try #require(response.number("job_id").flatMap { Int64($0) })
            let conn = try server.connect()
            defer { conn.close() }
            #expect(try conn.queryValue(String.self, "SELECT status FROM consolidation_job WHERE id = \(jobID)") == "done")
            #expect(try conn.queryValue(Bool.self, "SELECT EXISTS (SELECT FROM agg_run WHERE city_code = '14.72' AND year = 2023)") == true)
        }
    }

    @Test func withoutWaitingTheJobIsQueuedAndTheWorkerDoesIt() async throws {
        try await APIServer.with { server in
            let response = try await server.client.post(
                "/v1/consolidations", token: server.tokens.bappeda, json: #"{"city":"14.72","year":2024,"wait":false}"#)
            #expect(response.status == 202, "\(response.text)")
            #expect(response.string("status") == "pending")
            let jobID = try #require(response.number("job_id").flatMap { Int64($0) })
            let conn = try server.connect()
            defer { conn.close() }
            // The daemon's worker is woken at once (its poll interval is a minute).
            try await waitUntil("job \(jobID) to be done") {
                try conn.queryValue(String.self, "SELECT status FROM consolidation_job WHERE id = \(jobID)") == "done"
            }
        }
    }

    @Test func onlyBappedaOfTheCityMayAsk() async throws {
        try await APIServer.with { server in
            for token in [server.tokens.revenue, server.tokens.kecamatan, server.tokens.kelurahan, server.tokens.otherCityBappeda] {
                let response = try await server.client.post("/v1/consolidations", token: token, json: #"{"city":"14.72","year":2023}"#)
                #expect(response.status == 403 && response.errorCode == "forbidden")
            }
            let conn = try server.connect()
            defer { conn.close() }
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM consolidation_job") == 0)
        }
    }

    @Test func malformedRequestsAre400AndAnOversizedOne413() async throws {
        try await APIServer.with { server in
            for body in [
                "", "not json", "[]", #"{"year":2023}"#, #"{"city":"14.72"}"#, #"{"city":"14.72.02","year":2023}"#,
                #"{"city":"14.72","year":"2023"}"#, #"{"city":"14.72","year":3000}"#, #"{"city":"14.72","year":2023,"wait":"yes"}"#,
            ] {
                let response = try await server.client.post("/v1/consolidations", token: server.tokens.bappeda, json: body)
                #expect(response.status == 400 && response.errorCode == "bad_request", "\(body): \(response.text)")
            }
            let padded = #"{"city":"14.72","year":2023,"note":""# + String(repeating: "x", count: 5000) + #""}"#
            let large = try await server.client.post("/v1/consolidations", token: server.tokens.bappeda, json: padded)
            #expect(large.status == 413)
        }
    }
}
