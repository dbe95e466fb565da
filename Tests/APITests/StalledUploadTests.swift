import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// Stalled uploads must not stop the API (issue: ten PBB-P2 uploads of one revenue token that sent one
/// line and waited held table locks and every pool connection; everything else failed after 30 s
/// with 500). Uploads are spooled before their transaction, bounded per token (429), and a pool that
/// cannot hand out a connection answers 503 with Retry-After.
@Suite(.timeLimit(.minutes(3))) struct StalledUploadTests {
    @Test func tenStalledUploadsHoldNoConnectionAndOnlyTwoAreAdmitted() async throws {
        try await APIServer.with(["--pool-size", "3", "--uploads-per-token", "2", "--idle-timeout-seconds", "60"]) { server in
            let files = try Fixtures.pbbFeeds(objects: 200)
            let firstLine = files.ketetapan.prefix { $0 != UInt8(ascii: "\n") } + [UInt8(ascii: "\n")]
            let head = "POST /v1/pbb/ketetapan HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(server.tokens.revenue)\r\n"
                + "Content-Type: text/csv\r\nContent-Length: \(files.ketetapan.count)\r\n\r\n"
            var uploads = try (0..<10).map { _ in
                try RawHTTPStream(port: server.rekapd.port, request: head + String(decoding: firstLine, as: UTF8.self))
            }
            // Eight are refused at once with 429 and Retry-After; two wait for their bodies.
            var refused = 0
            let deadline = Date().addingTimeInterval(20)
            for upload in uploads {
                guard let answer = upload.head(seconds: max(0.1, deadline.timeIntervalSinceNow)) else { continue }
                #expect(answer.status == 429, "\(upload.received)")
                #expect(answer.headers["retry-after"].flatMap(Int.init).map { $0 >= 1 } == true)
                refused += 1
            }
            #expect(refused == 8)

            // Meanwhile the API answers (before the fix: 500 after the pool's 30 s wait): no pooled
            // connection and no lock is held by the two.
            let list = try await server.client.get("/v1/submissions?year=2023", token: server.tokens.kecamatan)
            #expect(list.status == 200, "\(list.text)")
            let health = try await server.client.get("/healthz")
            #expect(health.status == 200 && health.string("database") == "reachable")
            let conn = try server.connect()
            defer { conn.close() }
            let waiting = try conn.queryValue(Int.self, """
                SELECT count(*)::int FROM pg_stat_activity
                 WHERE datname = current_database() AND application_name = 'rekapd' AND state LIKE 'idle in transaction%'
                """)
            #expect(waiting == 0)

            // The two give up; their slots come back, and a whole feed of the same token loads.
            uploads = []
            let loaded = try await eventually("the stalled uploads' slots to be released") { () -> APIResponse? in
                let answer = try await server.client.post("/v1/pbb/ketetapan", token: server.tokens.revenue, body: files.ketetapan, contentType: "text/csv")
                return answer.status == 429 ? nil : answer
            }
            #expect(loaded.status == 201, "\(loaded.text)")
        }
    }

    @Test func aPoolWithNoFreeConnectionAnswers503WithRetryAfter() async throws {
        try await APIServer.with(["--pool-size", "2", "--pool-wait-seconds", "1"]) { server in
            // Every token check waits for this lock, holding its pooled connection: two requests take
            // the whole pool.
            let locker = try server.connect()
            defer { locker.close() }
            try locker.execute("BEGIN")
            try locker.execute("LOCK TABLE api_token IN ACCESS EXCLUSIVE MODE")
            async let blocked = withThrowingTaskGroup(of: APIResponse.self) { group in
                for _ in 0..<2 {
                    group.addTask { try await server.client.get("/v1/submissions?year=2023", token: server.tokens.kecamatan) }
                }
                return try await group.reduce(into: [APIResponse]()) { $0.append($1) }
            }
            let monitor = try server.connect()
            defer { monitor.close() }
            try await waitUntil("both pooled connections to wait for the lock") {
                try monitor.queryValue(Int.self, """
                    SELECT count(*)::int FROM pg_stat_activity
                     WHERE datname = current_database() AND application_name = 'rekapd' AND wait_event_type = 'Lock'
                    """) == 2
            }
            // The next request finds no free connection within --pool-wait-seconds: 503, busy, Retry-After.
            let busy = try await server.client.get("/v1/submissions?year=2023", token: server.tokens.kecamatan)
            #expect(busy.status == 503 && busy.errorCode == "busy", "\(busy.status) \(busy.text)")
            #expect(busy.headers["retry-after"].flatMap(Int.init).map { $0 >= 1 } == true)
            // /healthz says the same: busy (wait and retry), not a database that cannot be reached.
            let health = try await server.client.get("/healthz")
            #expect(health.status == 503 && health.string("status") == "busy" && health.string("database") == "busy", "\(health.text)")
            #expect(health.headers["retry-after"].flatMap(Int.init).map { $0 >= 1 } == true)
            // Once the lock goes, the two waiting requests are answered as usual.
            try locker.execute("ROLLBACK")
            let answers = try await blocked
            #expect(answers.map(\.status) == [200, 200])
        }
    }
}
