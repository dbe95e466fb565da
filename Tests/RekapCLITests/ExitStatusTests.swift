import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// The same fault gives the same exit status whatever command meets it (`CommandErrors.exitStatus`):
/// a database that goes away 69, a wait the server gives up 75. Here through `rekap pbb load`, held
/// at the loader's table lock by a transaction of the test.
@Suite struct ExitStatusTests {
    static let ketetapan = "nop,tahun,kelurahan,pokok\n147202000100010010,2023,14.72.02.1004,1000\n"

    /// A feed file for the run, removed afterwards.
    func withFeed<T>(_ text: String = ketetapan, _ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-exit-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    /// `url` with a server setting for the session, as libpq's `options` (`-c name=value`).
    static func url(_ url: String, setting: String) -> String {
        let options = "-c " + setting
        return url + (url.contains("?") ? "&" : "?") + "options="
            + options.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    @Test(.timeLimit(.minutes(3)), arguments: [("statement_timeout=300", "57014"), ("lock_timeout=300", "55P03")])
    func aStatementOrLockTimeoutExits75(setting: String, sqlState: String) async throws {
        try await withCLIDatabase(label: "cli_exit_timeout", dumai: true) { url, conn in
            try await withFeed { file in
                try conn.execute("BEGIN")
                try conn.execute("LOCK TABLE pbb_load IN ACCESS EXCLUSIVE MODE")
                let run = try await runRekap(["pbb", "load", "--ketetapan", file, "--database", Self.url(url, setting: setting)])
                try conn.execute("ROLLBACK")
                #expect(run.status == 75, "\(run)")
                #expect(run.stderr.contains("gave up waiting (\(sqlState)"), "\(run)")
                #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_ketetapan") == 0)
            }
        }
    }

    /// The server ends the loader's session (57P01, what a shutdown sends) in the middle of its
    /// COPY: 69, as for an unreachable server, not 1. The COPY is held at its foreign key check by
    /// a row lock of the test on the kelurahan (the table holds a row already, so its keys stay).
    @Test(.timeLimit(.minutes(3)))
    func aServerShutdownDuringALoadExits69() async throws {
        try await withCLIDatabase(label: "cli_exit_shutdown", dumai: true) { url, conn in
            try await withFeed { first in
                let run = try await runRekap(["pbb", "load", "--ketetapan", first, "--database", url])
                #expect(run.status == 0, "\(run)")
            }
            try await withFeed("nop,tahun,kelurahan,pokok\n147202000100010020,2023,14.72.02.1004,1000\n") { file in
                let watcher = try PGConnection(configuration: try PGConfiguration(url: url))
                defer { watcher.close() }
                try conn.execute("BEGIN")
                try conn.execute("SELECT 1 FROM region WHERE code = '14.72.02.1004' FOR UPDATE")
                async let load = runRekap(["pbb", "load", "--ketetapan", file, "--database", url])
                var terminated = false
                for _ in 0..<600 where !terminated {
                    try await Task.sleep(for: .milliseconds(50))
                    terminated = try watcher.queryValue(Bool.self, """
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'COPY %pbb_ketetapan%'
                        """) ?? false
                }
                let run = try await load
                try conn.execute("ROLLBACK")
                #expect(terminated)
                #expect(run.status == 69, "\(run)")
                #expect(run.stderr.contains("57P01"), "\(run)")
                #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_ketetapan") == 1)
            }
        }
    }

    /// A ketetapan line whose NOP lies in another city (1471: Pekanbaru) under a Dumai kelurahan is
    /// a bad line (65), named with its line number; nothing is stored.
    @Test(.timeLimit(.minutes(3)))
    func aForeignNOPIsABadLine() async throws {
        try await withCLIDatabase(label: "cli_foreign_nop", dumai: true) { url, conn in
            try await withFeed(Self.ketetapan + "147101000100010010,2023,14.72.02.1004,1000\n") { file in
                let run = try await runRekap(["pbb", "load", "--ketetapan", file, "--database", url])
                #expect(run.status == 65, "\(run)")
                #expect(run.stderr.contains("\(file):3: nop \"147101000100010010\" is a tax object of kota/kabupaten 14.71"), "\(run)")
                #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pbb_ketetapan") == 0)
            }
        }
    }
}
