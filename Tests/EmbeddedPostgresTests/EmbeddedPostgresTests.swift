import EmbeddedPostgres
import Foundation
import Testing

@Suite("Throwaway PostgreSQL cluster", .timeLimit(.minutes(10)))
struct EmbeddedPostgresTests {
    @Test("starts on 127.0.0.1, answers queries, and leaves nothing behind when stopped")
    func startQueryStop() throws {
        let cluster = try EmbeddedPostgres.start()
        let directory = cluster.directory.path
        #expect(FileManager.default.fileExists(atPath: directory + "/data/PG_VERSION"))

        let answer = try psql(cluster.url(), "SELECT current_setting('listen_addresses') || ' ' || 6*7")
        #expect(answer == "127.0.0.1 42")

        cluster.stop()
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(throws: (any Error).self) { try psql(cluster.url(), "SELECT 1") }
        cluster.stop()  // idempotent
    }

    @Test("two clusters run side by side on different ports")
    func twoClusters() throws {
        let first = try EmbeddedPostgres.start()
        let second = try EmbeddedPostgres.start()
        defer {
            first.stop()
            second.stop()
        }
        #expect(first.port != second.port)
        #expect(try psql(first.url(), "SELECT 1") == "1")
        #expect(try psql(second.url(), "SELECT 2") == "2")
    }

    @Test("restarts on the same data and port, after a fast and after an immediate stop")
    func restart() throws {
        let cluster = try EmbeddedPostgres.start()
        defer { cluster.stop() }
        _ = try psql(cluster.url(), "CREATE TABLE kept (n integer); INSERT INTO kept VALUES (42)")
        for mode in [EmbeddedPostgres.ShutdownMode.fast, .immediate] {
            try cluster.stopServer(mode: mode)
            #expect(throws: (any Error).self) { try psql(cluster.url(), "SELECT 1") }
            try cluster.startServer()
            #expect(try psql(cluster.url(), "SELECT n FROM kept") == "42", "after a \(mode) stop")
        }
    }

    @Test("the shared test server is the same for every caller")
    func sharedServer() throws {
        let first = try TestPostgres.serverURL()
        let second = try TestPostgres.serverURL()
        #expect(first == second)
        #expect(try psql(first, "SELECT 'ok'") == "ok")
    }

    /// Runs one query through the real `psql` client, independent of the code under test.
    private func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["--no-psqlrc", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
