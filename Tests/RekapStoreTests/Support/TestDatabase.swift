import Foundation
import PostgresLibPQ
import RekapStore
import RekapTestSupport
import Testing

/// Which regions a test database starts with.
enum TestRegions: Sendable {
    /// None: an empty registry.
    case none
    /// Kota Dumai (14.72) with its province, 7 kecamatan and 36 kelurahan (`DemoData/dumai.csv`).
    case dumai
}

/// Runs `body` with a client on a fresh database, migrated to the bundled schema and holding
/// `regions`, that is dropped afterwards. For a whole suite, use the `.migratedDatabase` or
/// `.dumaiDatabase` trait and ``TestDatabase`` instead.
@discardableResult
func withTestDatabase<T: Sendable>(
    regions: TestRegions = .none, label: String = #function, _ body: (PGClient) async throws -> T
) async throws -> T {
    try await withScratchDatabase(label: label) { configuration in
        try await prepareTestDatabase(configuration, regions: regions)
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

/// Applies the bundled migrations to a database, then loads `regions`.
func prepareTestDatabase(_ configuration: PGConfiguration, regions: TestRegions) async throws {
    let conn = try PGConnection(configuration: configuration)
    defer { conn.close() }
    try Migrator().migrate(on: conn)
    switch regions {
    case .none: break
    case .dumai: _ = try RegionImporter().importFile(at: RepositoryFiles.dumaiCSV.path, on: conn)
    }
}

extension Trait where Self == FreshDatabaseTrait {
    /// A fresh database with the bundled schema and no regions, for the suite or test.
    static var migratedDatabase: Self { .freshDatabase { try await prepareTestDatabase($0, regions: .none) } }
    /// A fresh database with the bundled schema and Kota Dumai's regions, for the suite or test.
    static var dumaiDatabase: Self { .freshDatabase { try await prepareTestDatabase($0, regions: .dumai) } }
}
