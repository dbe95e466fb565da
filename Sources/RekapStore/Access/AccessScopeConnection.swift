import PostgresLibPQ
import RekapDomain

extension PGConnection {
    /// Makes the rest of the open transaction run as `rekap_api` within `scope`: from here, row-level
    /// security (`sql/0006_access.sql`) filters every read and checks every write against the scope.
    /// Both settings end with the transaction (`SET LOCAL` semantics), so a pooled connection comes
    /// back as its owner.
    ///
    /// - Throws: ``PGError`` of kind `.usage` outside a transaction (a session-wide role change would
    ///   outlive the request).
    public func enterAccessScope(_ scope: AccessScope) throws {
        guard transactionStatus == .inTransaction else {
            throw PGError(kind: .usage, message: "enterAccessScope must be called inside a transaction")
        }
        // One round trip: set_config('role', ..., true) is SET LOCAL ROLE.
        try execute("""
            SELECT set_config('role', 'rekap_api', true), set_config('rekap.role', \(scope.role.rawValue), true),
                   set_config('rekap.region', \(scope.region.text), true)
            """)
    }
}

extension PGClient {
    /// Runs `body` in a transaction on a pooled connection, inside `scope` from its first statement
    /// (see ``PostgresLibPQ/PGConnection/enterAccessScope(_:)``): what an API request does.
    @discardableResult
    public func withTransaction<T: Sendable>(
        scope: AccessScope, _ body: @escaping @Sendable (PGConnection) throws -> T
    ) async throws -> T {
        try await withTransaction { conn in
            try conn.enterAccessScope(scope)
            return try body(conn)
        }
    }
}
