import Foundation
import Logging
import PostgresLibPQ
import RekapServer

/// What ``buildServices(_:logger:)`` needs from the command line (as Hummingbird's `AppArguments`),
/// so tests can build the services with other settings.
protocol DaemonArguments: Sendable {
    var databaseURL: String? { get }
    var debounceMs: Int { get }
    var workerID: String? { get }
    var pollSeconds: Int { get }
    /// Attempts a consolidation job gets (failed, or killed with its worker) before it is marked failed.
    var maxAttempts: Int { get }
    /// Where and how to serve the HTTP API; nil: consolidation only, no HTTP.
    func serverSettings() throws -> ServerSettings?
    /// Connections in the pool shared by the worker and the API.
    var connections: Int { get }
    /// How long a caller waits for a pooled connection (then 503 from the API).
    var poolWait: Duration { get }
}

extension DaemonArguments {
    /// `--worker-id`, or `rekapd@HOST:PID`.
    var worker: String {
        if let workerID, !workerID.isEmpty { return workerID }
        return "rekapd@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The database settings; sessions are named `rekapd` (`pg_stat_activity.application_name`)
    /// unless the URL names them.
    ///
    /// Every session checks its client every second while a statement runs
    /// (`client_connection_check_interval`, unless the URL's `options` say otherwise): when rekapd is
    /// killed while a statement of its waits on a lock or computes, the server ends that session
    /// within a second and releases what it held, instead of when the statement would have ended.
    func configuration() throws -> PGConfiguration {
        guard let url = databaseURL else { throw PGError(kind: .usage, message: "no database given: pass --database URL or set DATABASE_URL") }
        var configuration = try PGConfiguration(url: url)
        if configuration.applicationName == nil { configuration.applicationName = "rekapd" }
        configuration.extraParameters["options"] = ["-c client_connection_check_interval=1000", configuration.extraParameters["options"]]
            .compactMap { $0 }.joined(separator: " ")
        return configuration
    }
}
