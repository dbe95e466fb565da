import PostgresLibPQ
import RekapTestSupport

/// Runs `body` on a fresh database migrated to the bundled schema, with no regions (each test adds
/// the regions it needs); the database is dropped afterwards.
func withAggregateDatabase(label: String = #function, _ body: (PGConfiguration) throws -> Void) async throws {
    try await withScratchDatabase(label: label) { configuration in
        try await prepareTestDatabase(configuration, regions: .none)
        try body(configuration)
    }
}
