import PostgresLibPQ
import RekapStore
import RekapTestSupport
import Testing

/// Runs `body` with a client on a fresh database, migrated to the bundled schema, that is dropped
/// afterwards. For a whole suite, use the `.migratedDatabase` trait instead.
func withTestDatabase<T: Sendable>(
    label: String = #function, _ body: (PGClient) async throws -> T
) async throws -> T {
    try await withScratchDatabase(label: label) { configuration in
        try await migrate(configuration)
        let client = PGClient(configuration: configuration)
        do {
            let value = try await body(client)
            await client.close()
            return value
        } catch {
            await client.close()
            throw error
        }
    }
}

/// Applies the bundled migrations to a database.
@Sendable func migrate(_ configuration: PGConfiguration) async throws {
    let conn = try PGConnection(configuration: configuration)
    defer { conn.close() }
    try Migrator().migrate(on: conn)
}

extension Trait where Self == FreshDatabaseTrait {
    /// A fresh database with the bundled schema, for the suite or test; see ``TestDatabase``.
    static var migratedDatabase: Self { .freshDatabase(prepare: migrate) }
}
