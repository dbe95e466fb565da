import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private, throwaway PostgreSQL cluster: `initdb` into a temporary folder, a server on
/// 127.0.0.1 at a free port, and everything stopped and removed afterwards.
///
/// Used by the test suite and by `rekap demo`, so that both work on a fresh machine with no
/// server running. Running as root, the server runs as the `postgres` user (initdb and postgres
/// refuse root); otherwise as the current user.
///
/// Cleanup does not depend on `stop()` being reached: a watchdog process waits on a pipe whose
/// only writer is this process, so when this process exits in any way (a failed test run, a
/// crash, SIGKILL) the kernel closes the pipe and the watchdog stops the server and deletes
/// the folder.
public final class EmbeddedPostgres: Sendable {
    /// The port the server listens on (127.0.0.1 only).
    public let port: Int
    /// The temporary folder holding the data directory, the log and the socket.
    public let directory: URL
    /// The superuser of the cluster; local connections are trusted.
    public let user = "postgres"

    private let binaries: PostgresBinaries
    private let runAs: String?
    private let watchdogWriteEnd: Int32
    private let watchdogPID: pid_t
    private let state = Mutex(false)
    private let logger: Logger

    /// A connection URL for `database` (default `postgres`), for libpq or `psql`.
    public func url(database: String = "postgres") -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)"
    }

    /// Creates a cluster and starts its server; returns once it accepts connections.
    public static func start(logger: Logger = Logger(label: "rekap.embedded-postgres")) throws(EmbeddedPostgresError)
        -> EmbeddedPostgres
    {
        let binaries = try PostgresBinaries.locate()
        let runAs = try serverUser()
        let directory = try makeTemporaryDirectory(owner: runAs)
        let dataDirectory = directory.appendingPathComponent("data").path
        let watchdog: (pid: pid_t, writeEnd: Int32)
        do throws(EmbeddedPostgresError) {
            watchdog = try startWatchdog(directory: directory, binaries: binaries, runAs: runAs)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        do throws(EmbeddedPostgresError) {
            let started = ContinuousClock.now
            try run(
                binaries.initdb.path,
                ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                 "--no-sync", "--no-instructions"],
                as: runAs)
            // A free port can be taken between probing and binding; try a few.
            var lastError: EmbeddedPostgresError?
            for _ in 0..<5 {
                let port = try freeLocalPort()
                do throws(EmbeddedPostgresError) {
                    try run(
                        binaries.pgCtl.path,
                        ["-D", dataDirectory, "-l", directory.appendingPathComponent("server.log").path, "-w",
                         "-t", "60", "-o", serverOptions(port: port, socketDirectory: directory.path), "start"],
                        as: runAs)
                    logger.debug(
                        "embedded PostgreSQL started",
                        metadata: ["port": "\(port)", "directory": "\(directory.path)",
                                   "seconds": "\(ContinuousClock.now - started)"])
                    return EmbeddedPostgres(
                        port: port, directory: directory, binaries: binaries, runAs: runAs,
                        watchdog: watchdog, logger: logger)
                } catch {
                    lastError = error
                }
            }
            throw lastError ?? .commandFailed(command: "pg_ctl start", status: -1, output: "no attempt made")
        } catch {
            // Closing our end makes the watchdog stop whatever started and remove the folder.
            close(watchdog.writeEnd)
            _ = ProcessRunner.wait(for: watchdog.pid)
            throw error
        }
    }

    private init(
        port: Int, directory: URL, binaries: PostgresBinaries, runAs: String?,
        watchdog: (pid: pid_t, writeEnd: Int32), logger: Logger
    ) {
        self.port = port
        self.directory = directory
        self.binaries = binaries
        self.runAs = runAs
        self.watchdogWriteEnd = watchdog.writeEnd
        self.watchdogPID = watchdog.pid
        self.logger = logger
    }

    /// How ``stopServer(mode:)`` shuts the server down (`pg_ctl stop -m`).
    public enum ShutdownMode: String, Sendable {
        /// Waits for every client to disconnect.
        case smart
        /// Disconnects clients, rolling back their transactions; a clean shutdown.
        case fast
        /// Kills the server processes; the next start recovers from the WAL, as after a crash.
        case immediate
    }

    /// Stops the server but keeps its data and port, for ``startServer()``: how a test restarts the
    /// database under a running client. Returns once the server is down.
    public func stopServer(mode: ShutdownMode = .fast) throws(EmbeddedPostgresError) {
        try Self.run(
            binaries.pgCtl.path, ["-D", directory.appendingPathComponent("data").path, "-m", mode.rawValue, "-w", "stop"],
            as: runAs)
    }

    /// Starts the server stopped by ``stopServer(mode:)`` again, on the same data and port; returns
    /// once it accepts connections.
    public func startServer() throws(EmbeddedPostgresError) {
        try Self.run(
            binaries.pgCtl.path,
            ["-D", directory.appendingPathComponent("data").path, "-l", directory.appendingPathComponent("server.log").path,
             "-w", "-t", "60", "-o", Self.serverOptions(port: port, socketDirectory: directory.path), "start"],
            as: runAs)
    }

    /// Stops the server and removes its folder. Safe to call more than once.
    public func stop() {
        let alreadyStopped = state.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }
        let dataDirectory = directory.appendingPathComponent("data").path
        do {
            try Self.run(binaries.pgCtl.path, ["-D", dataDirectory, "-m", "fast", "-w", "stop"], as: runAs)
        } catch {
            logger.warning("stopping embedded PostgreSQL failed", metadata: ["error": "\(error)"])
        }
        try? FileManager.default.removeItem(at: directory)
        close(watchdogWriteEnd)
        _ = ProcessRunner.wait(for: watchdogPID)
    }

    deinit {
        stop()
    }

    /// Server settings: loopback only, a private socket folder, and durability off (the data is
    /// thrown away, and tests and the demo are much faster without fsync).
    private static func serverOptions(port: Int, socketDirectory: String) -> String {
        [
            "-p \(port)", "-c listen_addresses=127.0.0.1", "-k \(socketDirectory)",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=600", "-c shared_buffers=128MB",
        ].joined(separator: " ")
    }

    /// The unprivileged user to run the server as, or nil to run as the current user.
    private static func serverUser() throws(EmbeddedPostgresError) -> String? {
        guard geteuid() == 0 else { return nil }
        for candidate in ["postgres", "nobody"] where getpwnam(candidate) != nil {
            return candidate
        }
        throw .noUnprivilegedUser
    }

    private static func run(_ executable: String, _ arguments: [String], as user: String?) throws(EmbeddedPostgresError) {
        if let user {
            try ProcessRunner.output(of: "/usr/sbin/runuser", ["-u", user, "--", executable] + arguments)
        } else {
            try ProcessRunner.output(of: executable, arguments)
        }
    }

    private static func makeTemporaryDirectory(owner: String?) throws(EmbeddedPostgresError) -> URL {
        var template = Array((NSTemporaryDirectory() + "/rekap-pg-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard let created else { throw .systemCall("mkdtemp", errno: errno) }
        let path = String(cString: created)
        if let owner, let account = getpwnam(owner) {
            guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                throw .systemCall("chown \(path)", errno: errno)
            }
        }
        return URL(fileURLWithPath: path)
    }

    /// Asks the kernel for a free TCP port on 127.0.0.1.
    private static func freeLocalPort() throws(EmbeddedPostgresError) -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw .systemCall("socket", errno: errno) }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, length) }
        }
        guard bound == 0 else { throw .systemCall("bind", errno: errno) }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        guard named == 0 else { throw .systemCall("getsockname", errno: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts the watchdog and returns the write end of its pipe. The write end is close-on-exec,
    /// so no other child (the server included) inherits it and delays the end-of-file.
    private static func startWatchdog(directory: URL, binaries: PostgresBinaries, runAs: String?)
        throws(EmbeddedPostgresError) -> (pid: pid_t, writeEnd: Int32)
    {
        let watchdogPID: pid_t
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .systemCall("pipe", errno: errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let dataDirectory = directory.appendingPathComponent("data").path
        let stopCommand = [binaries.pgCtl.path, "-D", dataDirectory, "-m", "immediate", "-w", "stop"]
        let asUser = runAs.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []
        let script = """
            cat >/dev/null
            if [ -f "$1/data/postmaster.pid" ]; then \(shellQuoted(asUser + stopCommand)) >/dev/null 2>&1; fi
            rm -rf "$1"
            """
        do throws(EmbeddedPostgresError) {
            watchdogPID = try ProcessRunner.spawn(
                "/bin/sh", ["-c", script, "rekap-pg-watchdog", directory.path],
                standardInput: ends[0], standardOutput: nil, newSession: true)
        } catch {
            close(ends[0])
            close(ends[1])
            throw error
        }
        close(ends[0])
        return (watchdogPID, ends[1])
    }

    private static func shellQuoted(_ words: [String]) -> String {
        words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }
}
