import ArgumentParser
import Logging
import PostgresLibPQ
import RekapServer
import RekapStore
import ServiceLifecycle

/// The services `rekapd` runs, in start order (they stop in reverse): the connection pool, the
/// consolidation worker that uses it, and with `--listen` the HTTP API (which stops first on SIGTERM:
/// no new requests, the ones in flight finish).
///
/// Checks first that the database answers and has every migration of this version applied
/// (``Migrator/status(_:)``), so that a wrong URL or an unmigrated database stops the daemon at once with a clear message (exit 69 or 78) instead of
/// retrying forever; once running, lost connections are retried.
func buildServices(_ arguments: some DaemonArguments, logger: Logger) async throws -> [any Service] {
    let configuration = try arguments.configuration()
    var poolLogger = logger
    poolLogger[metadataKey: "component"] = "pool"
    // Without the API: one connection for the worker and one spare for enqueueing; with it, more for
    // the requests (--pool-size). LISTEN has its own connection.
    let client = PGClient(configuration: configuration, options: .init(maxConnections: arguments.connections, waitTimeout: arguments.poolWait), logger: poolLogger)
    do {
        let status = try await Migrator(logger: logger).status(client)
        guard status.pending.isEmpty else {
            logger.critical(
                "the database lacks \(status.pending.map(\.fileName).joined(separator: ", ")): run `rekap db migrate` with this version of rekap first",
                metadata: ["database": "\(configuration)"])
            await client.close()
            throw ExitCode(78)
        }
        for entry in status.entries where entry.state == .unknown || entry.state == .changed {
            logger.warning(
                entry.state == .unknown
                    ? "the database has \(entry.fileName), which this rekapd does not know: a newer rekap migrated it"
                    : "\(entry.fileName) changed since it was applied",
                metadata: ["database": "\(configuration)"])
        }
    } catch let error as PGError where error.kind == .connection {
        logger.critical(
            "cannot reach PostgreSQL at \(configuration.host):\(configuration.port): \(error.message)",
            metadata: ["database": "\(configuration)"])
        await client.close()
        throw ExitCode(69)
    } catch let error as PGError {
        logger.critical("the database refused the startup check: \(error)", metadata: ["database": "\(configuration)"])
        await client.close()
        throw ExitCode.failure
    } catch let error as MigrationError {
        logger.critical("cannot read the migrations bundled with rekapd: \(error)")
        await client.close()
        throw ExitCode.failure
    }

    var workerLogger = logger
    workerLogger[metadataKey: "component"] = "consolidation"
    let retryPolicy = RetryPolicy(maximumAttempts: arguments.maxAttempts)
    let queue = ConsolidationQueue(workerID: arguments.worker, retryPolicy: retryPolicy, logger: workerLogger)
    let settings = ConsolidationService.Settings(
        debounce: .milliseconds(arguments.debounceMs), pollInterval: .seconds(arguments.pollSeconds))
    guard var serverSettings = try arguments.serverSettings() else {
        return [client, ConsolidationService(client: client, queue: queue, settings: settings, logger: workerLogger)]
    }

    serverSettings.retryPolicy = retryPolicy
    var serverLogger = logger
    serverLogger[metadataKey: "component"] = "http"
    let pending = PendingTargets()
    let metrics = ServerMetrics()
    let worker = ConsolidationService(
        client: client, queue: queue, settings: settings, logger: workerLogger, pending: pending, metrics: metrics)
    let dependencies = ServerDependencies(
        client: client, settings: serverSettings, metrics: metrics, workerID: arguments.worker,
        logger: serverLogger, consolidationQueued: { _ in await pending.poke() })
    return [client, worker, buildApplication(dependencies)]
}
