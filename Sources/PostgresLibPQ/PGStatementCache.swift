import CLibPQ

/// Statements prepared once per connection and run again by their SQL text, as GRDB's
/// `cachedStatement(sql:)`: for statements run on most requests, where PostgreSQL's parsing and
/// planning cost more than the execution (an API token check is ~0.1 ms to run and more to plan).
///
/// ```swift
/// let row = try conn.cachedQuery("SELECT id FROM api_token WHERE token_hash = \(hash)").first
/// ```
extension PGConnection {
    /// Runs `query` as a statement this connection prepared the first time it saw the same SQL text
    /// with the same parameter types (`PQprepare`, then `PQexecPrepared` with this query's values).
    ///
    /// Use it for statements of a fixed text run many times; a text built from changing values
    /// would prepare a new statement each time (past `PGStatementCache.capacity` statements the
    /// query just runs unprepared). PostgreSQL re-plans a prepared statement itself when a table it
    /// reads changes; if the change alters its result type, or the statement is gone from the
    /// server (`DEALLOCATE`), it is prepared again and run once more.
    ///
    /// - Throws: ``PGError`` as ``query(_:)``.
    public func cachedQuery(_ query: PGQuery) throws(PGError) -> PGResult {
        if let e = query.encodingError { throw e }
        let key = PGStatementCache.Key(sql: query.sql, types: query.bindings.map(\.oid))
        guard statementCache.names[key] != nil || statementCache.names.count < PGStatementCache.capacity else {
            return try run(query, checkCancellation: true)
        }
        do {
            return try runCached(query, key: key)
        } catch where error.sqlState == .featureNotSupported || error.sqlState == .invalidSQLStatementName {
            // "cached plan must not change result type" after a schema change, or deallocated: prepare anew.
            // Only outside a transaction: inside one, the error has already aborted it.
            guard transactionStatus == .idle else { throw error }
            if let name = statementCache.names.removeValue(forKey: key) {
                _ = try? run(PGQuery(unsafeSQL: "DEALLOCATE \(PGQuery.quoteIdentifier(name))"), checkCancellation: false)
            }
            return try runCached(query, key: key)
        }
    }

    private func runCached(_ query: PGQuery, key: PGStatementCache.Key) throws(PGError) -> PGResult {
        let h = try requireHandle()
        try checkCancellation()
        let name: String
        if let known = statementCache.names[key] {
            name = known
        } else {
            statementCache.counter += 1
            name = "pglibpq_cached_\(statementCache.counter)"
            let types = key.types.map { Oid($0) }
            _ = try checkResult(PQprepare(h, name, key.sql, Int32(types.count), types), sql: key.sql)
            statementCache.names[key] = name
        }
        let texts = query.bindings.map(\.text)
        let res = try withParameterCStrings(texts) { pointers in
            let values = pointers.map { UnsafePointer($0) }
            return PQexecPrepared(h, name, Int32(values.count), values, nil, nil, 0)
        }
        do throws(PGError) {
            return try checkResult(res, sql: key.sql)
        } catch {
            throw error.redacting(texts)
        }
    }
}

/// The statements one connection prepared for ``PGConnection/cachedQuery(_:)``, by SQL text and
/// parameter types.
struct PGStatementCache {
    struct Key: Hashable {
        var sql: String
        var types: [PGOid]
    }

    /// The most statements a connection keeps prepared: enough for every hot statement of an
    /// application, few enough that a misuse (texts with values in them) cannot fill the server.
    static let capacity = 64

    var names: [Key: String] = [:]
    var counter = 0
}
