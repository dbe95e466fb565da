import ArgumentParser
import Foundation
import Logging
import PostgresLibPQ
import RekapDomain
import RekapServer
import RekapStore
import ServiceLifecycle
import UnixSignals

/// `rekapd`: keeps city-wide aggregates fresh as submissions and PBB-P2 loads arrive.
///
/// With `--listen HOST:PORT` (or `REKAP_LISTEN`) it also serves the HTTP API (RekapServer); without,
/// it only consolidates, as before.
///
/// Exit statuses: 0 after a graceful shutdown (SIGTERM, SIGINT), 64 usage (no database given), 69 the
/// database cannot be reached at startup, 78 the database schema is missing or too old.
@main
struct RekapDaemonCommand: AsyncParsableCommand, DaemonArguments {
    static let configuration = CommandConfiguration(
        commandName: "rekapd",
        abstract: "Keeps rekap's city-wide aggregates fresh as submissions and PBB-P2 loads arrive.",
        discussion: """
            Listens on the rekap_submission and rekap_pbb_load channels, queues a consolidation job for \
            each city and year they name, and recomputes until the queue is empty. Several rekapd may run \
            against one database; they never do the same job twice. With --listen (or REKAP_LISTEN) it also \
            serves the HTTP API. SIGTERM or SIGINT: stop accepting requests, finish the requests and the job \
            in hand, then exit 0.
            """,
        version: RekapVersion.text
    )

    @Option(
        help: ArgumentHelp(
            "The PostgreSQL database, as postgresql://user:password@host:port/database. Defaults to $DATABASE_URL.",
            valueName: "URL"))
    var database: String?

    @Option(
        help: ArgumentHelp(
            "Serve the HTTP API on this address (e.g. 127.0.0.1:8080). Defaults to $REKAP_LISTEN; without either, rekapd only consolidates.",
            valueName: "HOST:PORT"))
    var listen: String?

    @Option(help: ArgumentHelp("Connections in the pool shared by the consolidation worker and the HTTP API.", valueName: "N"))
    var poolSize: Int?

    @Option(help: ArgumentHelp("The largest submission POST /v1/submissions accepts (413 above).", valueName: "BYTES"))
    var maxSubmissionBytes: Int = 4 * 1024 * 1024

    @Option(
        help: ArgumentHelp(
            "GET /healthz answers 503 when the oldest unfinished consolidation job, or the oldest stale aggregates, are older than this.",
            valueName: "SECONDS"))
    var maxLagSeconds: Int = 600

    @Option(
        help: ArgumentHelp(
            "The most HTTP connections open at once (keep it below the open-file limit); more wait to be accepted.",
            valueName: "N"))
    var maxConnections: Int = 1024

    @Option(help: ArgumentHelp("Close an HTTP connection that sends nothing for this long.", valueName: "SECONDS"))
    var idleTimeoutSeconds: Int = 60

    @Option(help: ArgumentHelp("Close a new HTTP connection whose request head has not come within this long.", valueName: "SECONDS"))
    var headerTimeoutSeconds: Int = 15

    @Option(help: ArgumentHelp("How long a request waits for a free database connection before it is answered 503.", valueName: "SECONDS"))
    var poolWaitSeconds: Int = 10

    @Option(help: ArgumentHelp("The largest PBB-P2 feed POST /v1/pbb/{kind} accepts (413 above).", valueName: "BYTES"))
    var maxFeedBytes: Int = 1 << 30

    @Option(help: ArgumentHelp("PBB-P2 uploads one token may have in progress at once (429 beyond).", valueName: "N"))
    var uploadsPerToken: Int = 2

    @Option(help: ArgumentHelp("Where PBB-P2 uploads are spooled before loading (default: the temporary folder, $TMPDIR).", valueName: "DIR"))
    var spoolDirectory: String?

    @Option(help: ArgumentHelp("A token may ask for one fresh=true recompute in this interval (429 beyond).", valueName: "SECONDS"))
    var freshIntervalSeconds: Int = 60

    @Option(help: ArgumentHelp("How long a dashboard login lasts.", valueName: "HOURS"))
    var sessionHours: Int = 12

    @Option(help: ArgumentHelp("How often an open dashboard event stream checks that its session is still valid.", valueName: "SECONDS"))
    var sessionCheckSeconds: Int = 60

    @Option(help: ArgumentHelp("bcrypt's cost for passwords people set (4 to 16; each step doubles the work).", valueName: "COST"))
    var passwordCost: Int = 12

    @Option(help: "The least severe log level written to stderr.")
    var logLevel: Logger.Level = .info

    @Option(help: ArgumentHelp("How long to gather a burst of notifications before queueing it.", valueName: "MS"))
    var debounceMs: Int = 250

    @Option(help: ArgumentHelp("The name recorded on the jobs this daemon runs (default: rekapd@HOST:PID).", valueName: "NAME"))
    var workerID: String?

    @Option(help: ArgumentHelp("How often to look at the queue, and for stale aggregates, without a notification.", valueName: "SECONDS"))
    var pollSeconds: Int = 60

    @Option(
        help: ArgumentHelp(
            "Attempts a consolidation job gets (failed, or killed with its worker) before it is marked failed and left for a person; new data queues a new job.",
            valueName: "N"))
    var maxAttempts: Int = RetryPolicy().maximumAttempts

    @Option(
        help: ArgumentHelp(
            "On SIGTERM, how long the job in hand may take before it is rolled back (it stays queued).",
            valueName: "SECONDS"))
    var shutdownTimeoutSeconds: Int = 20

    var databaseURL: String? {
        if let database, !database.isEmpty { return database }
        if let env = ProcessInfo.processInfo.environment["DATABASE_URL"], !env.isEmpty { return env }
        return nil
    }

    var listenAddress: String? {
        if let listen, !listen.isEmpty { return listen }
        if let env = ProcessInfo.processInfo.environment["REKAP_LISTEN"], !env.isEmpty { return env }
        return nil
    }

    /// `--listen` with the limits of the other options.
    func serverSettings() throws -> ServerSettings? {
        guard let listenAddress else { return nil }
        var settings = try ServerSettings(listen: listenAddress)
        settings.maxSubmissionBytes = maxSubmissionBytes
        settings.maxConsolidationLag = .seconds(maxLagSeconds)
        settings.maxConnections = maxConnections
        settings.idleTimeout = .seconds(idleTimeoutSeconds)
        settings.requestHeadTimeout = .seconds(headerTimeoutSeconds)
        settings.maxFeedBytes = maxFeedBytes
        settings.uploadsPerToken = uploadsPerToken
        settings.spoolDirectory = spoolDirectory
        settings.freshRecomputeInterval = .seconds(freshIntervalSeconds)
        settings.sessionLifetime = .seconds(sessionHours * 3600)
        settings.sessionRecheckInterval = .seconds(sessionCheckSeconds)
        settings.passwordCost = UInt8(passwordCost)
        return settings
    }

    var poolWait: Duration { .seconds(poolWaitSeconds) }

    /// `--pool-size`, or 2 (worker + one spare) without the API and 10 with it.
    var connections: Int { poolSize ?? (listenAddress == nil ? 2 : 10) }

    func validate() throws {
        guard let url = databaseURL else {
            throw ValidationError(
                "no database given: pass --database URL or set DATABASE_URL (under systemd, in /etc/rekap/rekapd.env)")
        }
        do {
            _ = try PGConfiguration(url: url)
        } catch {
            throw ValidationError("--database / DATABASE_URL: \(error.message)")  // never echo the URL: it may hold a password
        }
        if let address = listenAddress {
            do {
                _ = try ServerSettings(listen: address)
            } catch {
                throw ValidationError("--listen / REKAP_LISTEN: \(error)")
            }
        }
        guard maxSubmissionBytes >= 1 else { throw ValidationError("--max-submission-bytes must be 1 or more") }
        guard maxLagSeconds >= 1 else { throw ValidationError("--max-lag-seconds must be 1 or more") }
        for (name, value) in [
            ("--max-connections", maxConnections), ("--idle-timeout-seconds", idleTimeoutSeconds),
            ("--header-timeout-seconds", headerTimeoutSeconds), ("--pool-wait-seconds", poolWaitSeconds),
            ("--max-feed-bytes", maxFeedBytes), ("--uploads-per-token", uploadsPerToken),
            ("--fresh-interval-seconds", freshIntervalSeconds), ("--session-hours", sessionHours),
            ("--session-check-seconds", sessionCheckSeconds),
        ] where value < 1 {
            throw ValidationError("\(name) must be 1 or more")
        }
        guard (4...16).contains(passwordCost) else { throw ValidationError("--password-cost must be between 4 and 16") }
        if let poolSize, poolSize < 2 { throw ValidationError("--pool-size must be 2 or more") }
        guard debounceMs >= 0 else { throw ValidationError("--debounce-ms must be 0 or more") }
        guard pollSeconds >= 1 else { throw ValidationError("--poll-seconds must be 1 or more") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be 1 or more") }
        guard shutdownTimeoutSeconds >= 1 else { throw ValidationError("--shutdown-timeout-seconds must be 1 or more") }
    }

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "rekapd")
        logger[metadataKey: "worker_id"] = "\(worker)"

        let database = try configuration()
        let services = try await buildServices(self, logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(shutdownTimeoutSeconds)
        logger.info(
            "starting",
            metadata: ["database": "\(database)", "debounce_ms": "\(debounceMs)", "listen": "\(listenAddress ?? "-")"])
        try await ServiceGroup(configuration: configuration).run()
        logger.info("exiting")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
