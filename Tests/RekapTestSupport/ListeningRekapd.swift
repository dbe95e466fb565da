import Foundation
import PostgresLibPQ

/// A real `rekapd --listen 127.0.0.1:0` on a test database, its port read from Hummingbird's
/// "listening on 127.0.0.1:PORT" log line (port 0: the kernel picks a free one, no race).
public struct ListeningRekapd: Sendable {
    public let child: ChildProcess
    public let port: Int

    /// Starts rekapd and returns once it listens.
    public static func start(on configuration: PGConfiguration, _ extraArguments: [String] = []) async throws -> ListeningRekapd {
        let child = try ChildProcess(
            "rekapd", ["--database", databaseURL(configuration), "--listen", "127.0.0.1:0", "--log-level", "info"] + extraArguments)
        let port = try await eventually("rekapd to listen (stderr: \(child.stderr))") { () -> Int? in
            if !child.process.isRunning { throw RekapdExited(stderr: child.stderr) }
            return listeningPort(in: child.stderr)
        }
        return ListeningRekapd(child: child, port: port)
    }

    /// The port of the "listening on 127.0.0.1:PORT" log line, once it is there.
    public static func listeningPort(in log: String) -> Int? {
        guard let range = log.range(of: "listening on 127.0.0.1:") else { return nil }
        return Int(log[range.upperBound...].prefix { $0.isNumber })
    }

    /// SIGTERM: rekapd stops gracefully and exits 0, or this throws with its log.
    public func stop(within timeout: Duration = .seconds(60)) async throws {
        child.send(SIGTERM)
        let termination = try await child.exit(within: timeout)
        guard termination == .exited(0) else { throw RekapdExited(stderr: "\(termination)\n" + child.stderr) }
    }
}

/// rekapd ended when it should not have, or not with exit 0.
public struct RekapdExited: Error, CustomStringConvertible {
    public let stderr: String
    public var description: String { "rekapd exited:\n\(stderr)" }

    public init(stderr: String) {
        self.stderr = stderr
    }
}
