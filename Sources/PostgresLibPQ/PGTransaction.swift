import Logging

/// Transaction isolation levels (`BEGIN ISOLATION LEVEL ...`).
public enum PGIsolationLevel: String, Sendable, Hashable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension PGConnection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    ///
    /// Called inside another transaction, it uses a savepoint instead (isolation and
    /// read-only are then those of the outer transaction), so a failing inner block is undone
    /// without aborting the outer one.
    ///
    /// If `body` swallows a statement error, the transaction is aborted on the server;
    /// rather than a silent ROLLBACK disguised as COMMIT, this throws
    /// ``SQLState/inFailedSQLTransaction``.
    ///
    /// Serialization failures and deadlocks (``PGError/isRetryableTransactionFailure``) are
    /// retried here when `maxAttempts` (1 by default) allows: the whole top-level transaction is rolled back and
    /// `body` runs again. Once the attempts are used up, and always inside a savepoint (only the
    /// outermost transaction can be rerun), they surface as that ``PGError``.
    ///
    /// - Parameters:
    ///   - isolation: the isolation level of a top-level transaction; the server's default when nil.
    ///   - readOnly: starts a top-level transaction `READ ONLY`.
    ///   - maxAttempts: for a top-level transaction, how many times to run it in all when it fails
    ///     with a serialization failure or deadlock; `body` must then be safe to rerun (everything it
    ///     did on the database is rolled back in between, but not what it did in memory).
    ///   - body: the work, given this connection.
    /// - Returns: what `body` returns.
    @discardableResult
    public func transaction<T>(
        isolation: PGIsolationLevel? = nil, readOnly: Bool = false, maxAttempts: Int = 1,
        _ body: (PGConnection) throws -> T
    ) throws -> T {
        var attempt = 1
        while true {
            do {
                return try transactionAttempt(isolation: isolation, readOnly: readOnly, body)
            } catch let error as PGError
                where error.isRetryableTransactionFailure && attempt < maxAttempts && transactionStatus == .idle
            {
                attempt += 1
                logger.debug("retrying a transaction after \(error.sqlState?.rawValue ?? "")", metadata: ["attempt": "\(attempt)"])
            }
        }
    }

    private func transactionAttempt<T>(
        isolation: PGIsolationLevel?, readOnly: Bool, _ body: (PGConnection) throws -> T
    ) throws -> T {
        switch transactionStatus {
        case .idle:
            var begin = "BEGIN"
            if let isolation { begin += " ISOLATION LEVEL \(isolation.rawValue)" }
            if readOnly { begin += " READ ONLY" }
            try execute(PGQuery(unsafeSQL: begin))
            let value: T
            do {
                value = try body(self)
            } catch {
                rollbackQuietly("ROLLBACK")
                throw error
            }
            if transactionStatus == .inError {
                rollbackQuietly("ROLLBACK")
                throw PGError(
                    kind: .server, message: "the transaction was aborted by an earlier error and rolled back",
                    sqlState: .inFailedSQLTransaction)
            }
            // COMMIT itself may fail (e.g. a serialization failure under SERIALIZABLE); the
            // transaction is over either way. Not cancellable: half-done work must not linger.
            _ = try run("COMMIT", checkCancellation: false)
            return value
        case .inTransaction:
            savepointCounter += 1
            let name = PGQuery.quoteIdentifier("pglibpq_sp_\(savepointCounter)")
            defer { savepointCounter -= 1 }
            try execute(PGQuery(unsafeSQL: "SAVEPOINT \(name)"))
            let value: T
            do {
                value = try body(self)
            } catch {
                rollbackQuietly("ROLLBACK TO SAVEPOINT \(name)")
                rollbackQuietly("RELEASE SAVEPOINT \(name)")
                throw error
            }
            if transactionStatus == .inError {
                rollbackQuietly("ROLLBACK TO SAVEPOINT \(name)")
                rollbackQuietly("RELEASE SAVEPOINT \(name)")
                throw PGError(
                    kind: .server, message: "the savepoint was aborted by an earlier error and rolled back",
                    sqlState: .inFailedSQLTransaction)
            }
            _ = try run(PGQuery(unsafeSQL: "RELEASE SAVEPOINT \(name)"), checkCancellation: false)
            return value
        case .inError:
            throw PGError(
                kind: .usage, message: "the current transaction is aborted; roll it back first",
                sqlState: .inFailedSQLTransaction)
        case .active, .unknown:
            throw PGError.usage("the connection is busy or closed")
        }
    }

    /// Rolls back, ignoring errors (the connection may be broken); runs even when the task
    /// is cancelled.
    func rollbackQuietly(_ sql: String) {
        _ = try? run(PGQuery(unsafeSQL: sql), checkCancellation: false)
    }
}
