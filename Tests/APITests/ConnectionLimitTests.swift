import Foundation
import RekapTestSupport
import Testing

/// Idle connections must not exhaust rekapd (issue: ~20,600 sockets sending half a request head made
/// it reach its open-file limit): connections are capped (`--max-connections`), and a request head
/// that does not come within `--header-timeout-seconds` closes its connection.
@Suite(.timeLimit(.minutes(3))) struct ConnectionLimitTests {
    /// rekapd's open file descriptors now.
    static func openDescriptors(_ pid: Int32) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
    }

    @Test func halfHeadersAreCappedAndClosedWhileHealthzStillAnswers() async throws {
        let cap = 24
        try await APIServer.with(["--max-connections", "\(cap)", "--header-timeout-seconds", "2", "--idle-timeout-seconds", "4"]) { server in
            #expect(try await server.client.get("/healthz").status == 200)
            let pid = server.child.process.processIdentifier
            let before = try Self.openDescriptors(pid)

            // A few hundred clients that send half a request head and wait (fewer than the kernel's
            // accept queue holds, so every connect returns at once).
            let idle = try (0..<200).map { _ in
                try RawHTTPStream(port: server.rekapd.port, request: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            }
            try await Task.sleep(for: .milliseconds(500))
            // rekapd holds at most the cap of them (NIO may accept a few past it in one read).
            let held = try Self.openDescriptors(pid) - before
            #expect(held <= cap + 8, "rekapd holds \(held) more descriptors with \(idle.count) idle clients; cap \(cap)")

            // A health check on a new connection still gets its answer: the idle ones are closed
            // after the head timeout, which lets it in.
            let health = try RawHTTPStream(port: server.rekapd.port, request: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let answer = try #require(health.head(seconds: 60), "no answer to /healthz: \(health.received)")
            #expect(answer.status == 200)
            #expect(health.read(until: "\"reachable\"", seconds: 10), "\(health.received)")

            // Every idle client is closed by the server, none answered (its head never came).
            let deadline = Date().addingTimeInterval(90)
            var stillOpen = 0
            for stream in idle where !stream.waitForClose(seconds: max(0.1, deadline.timeIntervalSinceNow)) {
                stillOpen += 1
            }
            #expect(stillOpen == 0, "\(stillOpen) of \(idle.count) half-header connections are still open")
            #expect(idle.allSatisfy { $0.bytes.isEmpty })
            #expect(try Self.openDescriptors(pid) - before <= 4)
        }
    }

    @Test func aConnectionThatStopsSendingItsBodyIsClosedWhenIdle() async throws {
        try await APIServer.with(["--idle-timeout-seconds", "2"]) { server in
            // A submission whose body stops after its first bytes: the server waits no longer than the idle timeout.
            let stalled = try RawHTTPStream(
                port: server.rekapd.port,
                request: "POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(server.tokens.kecamatan)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"schema\":")
            #expect(stalled.waitForClose(seconds: 30), "the stalled request was never closed: \(stalled.received)")
            #expect(try await server.client.get("/healthz").status == 200)
        }
    }
}
