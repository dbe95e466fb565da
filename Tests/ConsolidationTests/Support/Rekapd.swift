import Foundation
import PostgresLibPQ
import RekapStore
import RekapTestSupport

/// A `rekapd` process on a test database, named so its sessions can be told apart in
/// `pg_stat_activity` (application_name).
final class Rekapd: @unchecked Sendable {
    let child: ChildProcess
    let name: String
    let configuration: PGConfiguration

    /// Starts `rekapd --database URL` with `extraArguments`, and returns once it LISTENs and has made
    /// its startup look for stale aggregates (a test that then locks `agg_run` would otherwise block
    /// that look instead of the recompute it waits for).
    static func start(
        on configuration: PGConfiguration, name: String = "rekapd_\(UInt32.random(in: 0...UInt32.max))",
        _ extraArguments: [String] = []
    ) async throws -> Rekapd {
        // In the URL's query, so rekapd names its sessions after it.
        var named = configuration
        named.extraParameters["application_name"] = name
        let child = try ChildProcess(
            "rekapd", ["--database", databaseURL(named), "--worker-id", name, "--log-level", "debug"] + extraArguments)
        let daemon = Rekapd(child: child, name: name, configuration: configuration)
        try await daemon.waitUntilListening()
        try await waitUntil("\(name) to look for stale aggregates (stderr: \(child.stderr))") {
            if !child.process.isRunning { throw DaemonExited(name: name, stderr: child.stderr) }
            return child.stderr.contains("looked for stale aggregates")
        }
        return daemon
    }

    private init(child: ChildProcess, name: String, configuration: PGConfiguration) {
        self.child = child
        self.name = name
        self.configuration = configuration
    }

    /// The statement rekapd's listening session runs last: every channel is in place after it.
    static let lastListen = "LISTEN \"\(ConsolidationTrigger.channels.last ?? "")\""

    /// Its listening session has run its last LISTEN (the notification channels are in place).
    func waitUntilListening() async throws {
        let monitor = try PGConnection(configuration: configuration)
        defer { monitor.close() }
        try await waitUntil("\(name) to listen (stderr: \(child.stderr))") {
            if !child.process.isRunning { throw DaemonExited(name: name, stderr: child.stderr) }
            return try monitor.queryValue(
                Bool.self,
                """
                SELECT EXISTS (SELECT FROM pg_stat_activity
                               WHERE application_name = \(name) AND query = \(Self.lastListen))
                """) ?? false
        }
    }

    /// Its sessions that are waiting for a lock right now inside a transaction that has written (a
    /// recompute, which has claimed its job; not a read such as its look for stale aggregates).
    func sessionsWaitingForALock(on conn: PGConnection) throws -> Int {
        try conn.queryValue(
            Int.self,
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE application_name = \(name) AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL
            """) ?? 0
    }

    /// Its sessions still open on the server.
    func sessions(on conn: PGConnection) throws -> Int {
        try conn.queryValue(Int.self, "SELECT count(*) FROM pg_stat_activity WHERE application_name = \(name)") ?? 0
    }
}

struct DaemonExited: Error, CustomStringConvertible {
    let name: String
    let stderr: String
    var description: String { "\(name) exited early:\n\(stderr)" }
}
