import Foundation
import PostgresLibPQ

/// A `rekapd` process on a test database, named so its sessions can be told apart in
/// `pg_stat_activity` (application_name).
final class Rekapd: @unchecked Sendable {
    let child: ChildProcess
    let name: String
    let configuration: PGConfiguration

    /// Starts `rekapd --database URL` with `extraArguments`, and returns once it LISTENs.
    static func start(
        on configuration: PGConfiguration, name: String = "rekapd_\(UInt32.random(in: 0...UInt32.max))",
        _ extraArguments: [String] = []
    ) async throws -> Rekapd {
        var named = configuration
        named.applicationName = name
        let child = try ChildProcess(
            "rekapd", ["--database", url(of: named), "--worker-id", name, "--log-level", "debug"] + extraArguments)
        let daemon = Rekapd(child: child, name: name, configuration: configuration)
        try await daemon.waitUntilListening()
        return daemon
    }

    private init(child: ChildProcess, name: String, configuration: PGConfiguration) {
        self.child = child
        self.name = name
        self.configuration = configuration
    }

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
                               WHERE application_name = \(name) AND query = 'LISTEN "rekap_pbb_load"')
                """) ?? false
        }
    }

    /// Its sessions that are waiting for a lock right now.
    func sessionsWaitingForALock(on conn: PGConnection) throws -> Int {
        try conn.queryValue(
            Int.self,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = \(name) AND wait_event_type = 'Lock'") ?? 0
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

/// `postgresql://user@host:port/database?application_name=...`, for a command line.
func url(of c: PGConfiguration) -> String {
    func encoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
    var url = "postgresql://"
    if let user = c.user { url += encoded(user) + (c.password.map { ":" + encoded($0) } ?? "") + "@" }
    url += (c.host.contains(":") ? "[\(c.host)]" : c.host) + ":\(c.port)/" + encoded(c.database ?? "postgres")
    var query = c.extraParameters
    if let name = c.applicationName { query["application_name"] = name }
    let items = query.sorted { $0.key < $1.key }.map { "\(encoded($0.key))=\(encoded($0.value))" }
    return items.isEmpty ? url : url + "?" + items.joined(separator: "&")
}
