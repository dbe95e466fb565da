import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// `rekapd --listen` / `REKAP_LISTEN`: starting, refusing to start, stopping.
@Suite(.timeLimit(.minutes(10))) struct RekapdListenTests {
    @Test func refusesToStartWithoutADatabaseAndSaysWhy() async throws {
        let result = try await run("rekapd", ["--listen", "127.0.0.1:0"], environment: ["REKAP_LISTEN": ""])
        #expect(result.termination == .exited(64))
        #expect(result.stderr.contains("no database given: pass --database URL or set DATABASE_URL"), "\(result.stderr)")
    }

    @Test func refusesAListenAddressThatIsNotHostAndPort() async throws {
        for address in ["8080", "localhost:http", "127.0.0.1:70000", ":8080"] {
            let result = try await run("rekapd", ["--database", "postgresql://postgres@127.0.0.1:1/rekap", "--listen", address])
            #expect(result.termination == .exited(64), "\(address)")
            #expect(result.stderr.contains("is not a listen address"), "\(address): \(result.stderr)")
        }
    }

    @Test func listensOnREKAP_LISTENAndStopsGracefullyOnSIGTERM() async throws {
        try await withScratchDatabase(label: "api rekap listen") { configuration in
            _ = try APIServer.prepare(configuration)
            let child = try ChildProcess("rekapd", ["--database", databaseURL(configuration)], environment: ["REKAP_LISTEN": "127.0.0.1:0"])
            let port = try await eventually("rekapd to listen (stderr: \(child.stderr))") { () -> Int? in
                if !child.process.isRunning { throw RekapdExited(stderr: child.stderr) }
                return ListeningRekapd.listeningPort(in: child.stderr)
            }
            let health = try await APIClient(port: port).get("/healthz")
            #expect(health.status == 200)
            child.send(SIGTERM)
            #expect(try await child.exit(within: .seconds(60)) == .exited(0))
            #expect(child.stderr.contains("listen=127.0.0.1:0"))
        }
    }

    @Test func withoutListenItOnlyConsolidates() async throws {
        try await withScratchDatabase(label: "api no listen") { configuration in
            _ = try APIServer.prepare(configuration)
            let child = try ChildProcess("rekapd", ["--database", databaseURL(configuration)], environment: ["REKAP_LISTEN": ""])
            try await waitUntil("rekapd to listen for notifications (stderr: \(child.stderr))") {
                if !child.process.isRunning { throw RekapdExited(stderr: child.stderr) }
                return child.stderr.contains("channels=rekap_submission")
            }
            child.send(SIGTERM)
            #expect(try await child.exit(within: .seconds(60)) == .exited(0))
            #expect(!child.stderr.contains("Server started"))
            #expect(child.stderr.contains("listen=-"))
        }
    }
}

/// SIGTERM while a request is being served: the request finishes, then rekapd exits 0.
@Suite(.timeLimit(.minutes(10))) struct GracefulShutdownTests {
    @Test func aRequestInFlightFinishesBeforeRekapdExits() async throws {
        try await withScratchDatabase(label: "api graceful shutdown") { configuration in
            let tokens = try APIServer.prepare(configuration)
            let server = try await APIServer.start(on: configuration, tokens: tokens)
            defer { if server.child.process.isRunning { server.child.send(SIGKILL) } }
            let feeds = try Fixtures.pbbFeeds(objects: 80_000, seed: 5)
            // Half the body now, the rest after SIGTERM: the request is surely in flight when the
            // signal comes, however the machine schedules the two processes.
            let half = feeds.ketetapan.count / 2
            let upload = try HandDrivenUpload(
                port: server.client.port, path: "/v1/pbb/ketetapan", token: tokens.revenue,
                contentType: "text/csv", contentLength: feeds.ketetapan.count)
            try upload.send(feeds.ketetapan[..<half])
            // The request is in flight when rekapd spools its body: an open, already unlinked
            // rekap-upload-* file among its descriptors.
            let pid = server.child.process.processIdentifier
            try await waitUntil("the upload to be spooled") {
                let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
                return descriptors.contains { descriptor in
                    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(descriptor)"))?.contains("rekap-upload-") == true
                }
            }
            let monitor = try server.connect()
            defer { monitor.close() }
            server.child.send(SIGTERM)
            try upload.send(feeds.ketetapan[half...])
            let response = try upload.response()
            #expect(response.status == 201, "\(response.text)")
            #expect(try await server.child.exit(within: .seconds(60)) == .exited(0))
            #expect(try monitor.queryValue(Int.self, "SELECT count(*) FROM pbb_ketetapan") == 80_000)
        }
    }
}
