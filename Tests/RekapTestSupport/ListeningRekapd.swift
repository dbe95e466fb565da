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
        let termination = try await child.terminate(within: timeout)
        guard termination == .exited(0) else { throw RekapdExited(stderr: "\(termination)\n" + child.stderr) }
    }

    /// Starts rekapd, runs `body` with it, then stops it: gracefully when `body` returns (SIGTERM,
    /// which must end it with exit 0, or this throws), with SIGKILL when `body` throws, so a failing
    /// test never leaves a daemon behind or waits for one.
    public static func run<T: Sendable>(
        on configuration: PGConfiguration, _ extraArguments: [String] = [], _ body: (ListeningRekapd) async throws -> T
    ) async throws -> T {
        let rekapd = try await start(on: configuration, extraArguments)
        let value: T
        do {
            value = try await body(rekapd)
        } catch {
            rekapd.child.send(SIGKILL)
            throw error
        }
        // Stopped already by the body (a test of the shutdown itself): nothing left to do.
        if rekapd.child.process.isRunning { try await rekapd.stop() }
        return value
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
