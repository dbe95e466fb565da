import Logging
import Synchronization

/// An actor owning one ``PGConnection`` on its own thread (see `PGThreadExecutor`).
///
/// All libpq calls for the connection run on that thread, one at a time. Async callers hop
/// onto it with ``withConnection(_:)``; cancelling the calling task sends `PQcancel` to the
/// server, so the running statement fails with ``SQLState/queryCanceled``.
public actor PGSerializedConnection {
    private nonisolated let executor: PGThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: PGConnection?
    // Read from cancellation handlers, which run on arbitrary threads.
    private nonisolated let canceller = Mutex<PGCanceller?>(nil)

    private init(executor: PGThreadExecutor) {
        self.executor = executor
    }

    /// Connects on a new dedicated thread.
    public static func connect(
        configuration: PGConfiguration, logger: Logger = Logger(label: "PostgresLibPQ")
    ) async throws -> PGSerializedConnection {
        let actor = PGSerializedConnection(executor: PGThreadExecutor(name: "PostgresLibPQ connection"))
        do {
            try await actor.open(configuration: configuration, logger: logger)
        } catch {
            await actor.close()
            throw error
        }
        return actor
    }

    private func open(configuration: PGConfiguration, logger: Logger) throws {
        let conn = try PGConnection(configuration: configuration, logger: logger)
        connection = conn
        let c = conn.makeCanceller()
        canceller.withLock { $0 = c }
    }

    /// Runs `body` with the connection on its thread; task cancellation cancels the running
    /// statement.
    @discardableResult
    public nonisolated func withConnection<T: Sendable>(_ body: @Sendable (PGConnection) throws -> T) async throws -> T {
        try await cancellingStatement { try await self.run(body) }
    }

    /// Runs `operation`; cancelling the calling task meanwhile cancels the statement running.
    private nonisolated func cancellingStatement<R>(_ operation: () async throws -> R) async rethrows -> R {
        try await withTaskCancellationHandler(operation: operation) {
            _ = self.canceller.withLock { $0 }?.cancel()
        }
    }

    private func run<T: Sendable>(_ body: @Sendable (PGConnection) throws -> T) throws -> T {
        guard let connection else { throw PGError.usage("the connection is closed") }
        return try body(connection)
    }

    /// Runs `body` like ``withConnection(_:)``, then makes the connection ready for the next user
    /// (``resetForReuse()``) in the same hop onto its thread: what the pool does for every
    /// borrower, so a borrow costs one thread hop, not two.
    nonisolated func withConnectionThenReset<T: Sendable>(
        _ body: @Sendable (PGConnection) throws -> T
    ) async -> (result: Result<T, any Error>, reusable: Bool) {
        await cancellingStatement { await self.runThenReset(body) }
    }

    private func runThenReset<T: Sendable>(_ body: @Sendable (PGConnection) throws -> T) -> (result: Result<T, any Error>, reusable: Bool) {
        let result = Result { try run(body) }
        return (result, resetForReuse())
    }

    /// Makes the connection ready for the next user: rolls back a leftover transaction.
    /// Returns false when the connection is broken and must be discarded.
    func resetForReuse() -> Bool {
        guard let connection, connection.isHealthy else { return false }
        switch connection.transactionStatus {
        case .idle:
            return true
        case .inTransaction, .inError:
            connection.logger.debug("rolling back a transaction left open by a pool user")
            connection.rollbackQuietly("ROLLBACK")
            return connection.isHealthy && connection.transactionStatus == .idle
        case .active, .unknown:
            return false
        }
    }

    // Forgotten without close(): let the thread exit; the PGConnection then finishes itself
    // in its own deinit, with nobody else using it.
    deinit { executor.shutdown() }

    /// Closes the connection and lets the thread exit.
    public func close() {
        connection?.close()
        connection = nil
        canceller.withLock { $0 = nil }
        executor.shutdown()
    }
}
