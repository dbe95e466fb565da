import Foundation
import PostgresLibPQ
import RekapDomain
import RekapTestSupport
import Testing

/// `GET /healthz` and `GET /metrics`.
@Suite(.timeLimit(.minutes(10))) struct HealthAndMetricsTests {
    @Test func healthyWhileTheDatabaseAnswersAndTheQueueKeepsUp() async throws {
        try await APIServer.with { server in
            let response = try await server.client.get("/healthz")
            #expect(response.status == 200)
            #expect(response.string("status") == "ok" && response.string("database") == "reachable")
            #expect(response.number("pending_jobs") == "0" && response.number("consolidation_lag_seconds") == "0")
        }
    }

    @Test func lagging503WhenTheOldestUnfinishedJobIsTooOld() async throws {
        try await APIServer.with(["--max-lag-seconds", "60"]) { server in
            let conn = try server.connect()
            defer { conn.close() }
            // Requested an hour ago, and kept out of the worker's reach by its backoff.
            try conn.execute("""
                INSERT INTO consolidation_job (city_code, year, reason, requested_at, not_before)
                VALUES ('14.72', 2023, 'test', now() - interval '1 hour', now() + interval '1 day')
                """)
            let response = try await server.client.get("/healthz")
            #expect(response.status == 503)
            #expect(response.string("status") == "lagging" && response.string("database") == "reachable")
            #expect(response.number("pending_jobs") == "1")
            let lag = try #require(response.number("consolidation_lag_seconds").flatMap { Decimal(string: $0) })
            #expect(lag >= 3600 && lag < 3700)
            #expect(response.number("max_consolidation_lag_seconds") == "60")
        }
    }

    /// Aggregates older than their data with no job to recompute them (a notification missed, as in
    /// hardening item 11) are reported, and make `/healthz` 503 once stale longer than the limit.
    @Test func staleAggregatesAreReportedAndLagging503WhenStaleTooLong() async throws {
        // A long poll: the daemon's periodic stale check must not fix it while the test looks.
        try await APIServer.with(["--max-lag-seconds", "60", "--poll-seconds", "600"]) { server in
            let consolidated = try await server.client.post(
                "/v1/consolidations", token: server.tokens.bappeda, json: #"{"city":"14.72","year":2023}"#)
            #expect(consolidated.status == 200)
            let before = try await server.client.get("/healthz")
            #expect(before.status == 200 && before.number("stale_aggregates") == "0" && before.number("stale_lag_seconds") == "0")

            // A submission stored an hour ago whose NOTIFY nobody heard: no job, the aggregates miss it.
            let conn = try server.connect()
            defer { conn.close() }
            try conn.execute(
                """
                INSERT INTO submission (region_code, year, period, revision, format, document, document_sha256, city_code, submitted_at)
                VALUES ('14.72.02', 2023, 'FY', 1, 'rekap.submission/v1', convert_to('{}', 'UTF8'),
                        sha256(convert_to('{}', 'UTF8')), '14.72', now() - interval '1 hour')
                """)
            let health = try await server.client.get("/healthz")
            #expect(health.status == 503)
            #expect(health.string("status") == "lagging" && health.string("database") == "reachable")
            #expect(health.number("pending_jobs") == "0" && health.number("consolidation_lag_seconds") == "0")
            #expect(health.number("stale_aggregates") == "1")
            let lag = try #require(health.number("stale_lag_seconds").flatMap { Decimal(string: $0) })
            #expect(lag >= 3600 && lag < 3700)

            let metrics = try await server.client.get("/metrics")
            let lines = metrics.text.split(separator: "\n").map(String.init)
            #expect(lines.contains("rekap_stale_aggregates 1.0"), "\(metrics.text)")
            #expect(lines.contains { $0.hasPrefix("rekap_stale_aggregates_lag_seconds 36") }, "\(metrics.text)")
            #expect(lines.contains(#"rekap_consolidation_jobs{status="running"} 0.0"#), "\(metrics.text)")
        }
    }

    @Test func unavailable503WhenTheDatabaseIsGone() async throws {
        try await withScratchDatabase(label: "api database gone") { configuration in
            let tokens = try APIServer.prepare(configuration)
            let server = try await APIServer.start(on: configuration, tokens: tokens)
            defer { server.child.send(SIGKILL) }
            #expect(try await server.client.get("/healthz").status == 200)

            // Off the cooperative pool: DROP DATABASE may wait for other tests' sessions (see onOwnThread).
            try await onOwnThread {
                let admin = try PGConnection(configuration: configuration.withDatabase("postgres"))
                defer { admin.close() }
                try admin.execute("DROP DATABASE \(identifier: configuration.database ?? "") WITH (FORCE)")
            }

            let health = try await server.client.get("/healthz")
            #expect(health.status == 503)
            #expect(health.string("status") == "unavailable" && health.string("database") == "unreachable")
            let request = try await server.client.get("/v1/submissions", token: tokens.kecamatan)
            #expect(request.status == 503 && request.errorCode == "unavailable", "\(request.text)")
        }
    }

    @Test func metricsCountRequestsByRouteAndStatusAndTimeThem() async throws {
        try await APIServer.with { server in
            _ = try await server.client.get("/healthz")
            _ = try await server.client.get("/healthz")
            _ = try await server.client.get("/v1/submissions")
            _ = try await server.client.get("/v1/submissions", token: server.tokens.kecamatan)
            _ = try await server.client.send("GET", "/v1/nothing", contract: false)
            let consolidated = try await server.client.post("/v1/consolidations", token: server.tokens.bappeda, json: #"{"city":"14.72","year":2023}"#)
            #expect(consolidated.status == 200)

            let response = try await server.client.get("/metrics")
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(response.text.split(separator: "\n").map(String.init))
            for expected in [
                #"rekap_http_requests_total{method="GET",route="/healthz",status="200"} 2"#,
                #"rekap_http_requests_total{method="GET",route="/v1/submissions",status="401"} 1"#,
                #"rekap_http_requests_total{method="GET",route="/v1/submissions",status="200"} 1"#,
                #"rekap_http_requests_total{method="GET",route="unmatched",status="404"} 1"#,
                #"rekap_http_requests_total{method="POST",route="/v1/consolidations",status="200"} 1"#,
                #"rekap_http_request_duration_seconds_count{method="GET",route="/healthz"} 2"#,
                #"rekap_consolidation_duration_seconds_count{outcome="done"} 1"#,
                // Gauges are floating point in Prometheus' text format.
                #"rekap_consolidation_jobs{status="pending"} 0.0"#,
                #"rekap_db_pool_connections{state="max"} 10.0"#,
                "rekap_db_pool_waiters 0.0",
            ] {
                let found = lines.contains(expected)
                #expect(found, "missing: \(expected)")
            }
            for prefix in [
                #"rekap_http_request_duration_seconds_bucket{method="POST",route="/v1/consolidations",le="#,
                #"rekap_db_pool_connections{state="in_use"} "#, "rekap_consolidation_lag_seconds ",
            ] {
                let found = lines.contains { $0.hasPrefix(prefix) }
                #expect(found, "missing: \(prefix)…")
            }
            #expect(!response.text.contains(server.tokens.kecamatan))
        }
    }
}
