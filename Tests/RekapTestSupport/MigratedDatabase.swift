import Foundation
import PostgresLibPQ
import RekapStore
import Testing

/// Which regions a test database starts with, after the bundled migrations.
public struct TestRegions: Sendable {
    /// One row of the registry, as `rekap regions import` reads it.
    public struct Row: Sendable {
        public let code: String
        public let name: String
        public let level: Int
        public let parent: String?

        public init(_ code: String, _ name: String, level: Int, parent: String?) {
            self.code = code
            self.name = name
            self.level = level
            self.parent = parent
        }
    }

    /// Whether Kota Dumai's 45 rows (`DemoData/dumai.csv`, its province included) are imported.
    public let dumai: Bool
    /// Rows inserted after Dumai's, in order (a parent before its children).
    public let rows: [Row]

    /// None: an empty registry.
    public static let none = TestRegions(dumai: false, rows: [])
    /// Kota Dumai (14.72) with its province, 7 kecamatan and 36 kelurahan.
    public static let dumai = TestRegions(dumai: true, rows: [])
    /// Kota Dumai, and Kota Pekanbaru (14.71) as another city of the province.
    public static let dumaiAndPekanbaru = TestRegions.dumai.adding([Row("14.71", "Kota Pekanbaru", level: 2, parent: "14")])

    /// Exactly `rows`, without Dumai's file.
    public static func only(_ rows: [Row]) -> TestRegions { TestRegions(dumai: false, rows: rows) }

    /// These regions and `more`.
    public func adding(_ more: [Row]) -> TestRegions { TestRegions(dumai: dumai, rows: rows + more) }
}

/// Applies the bundled migrations to a database, then loads `regions` (for a trait's `prepare`).
public func prepareTestDatabase(_ configuration: PGConfiguration, regions: TestRegions) async throws {
    try migrateTestDatabase(configuration, regions: regions)
}

/// ``prepareTestDatabase(_:regions:)``, blocking: for callers outside an async context.
public func migrateTestDatabase(_ configuration: PGConfiguration, regions: TestRegions) throws {
    let conn = try PGConnection(configuration: configuration)
    defer { conn.close() }
    try Migrator().migrate(on: conn)
    if regions.dumai { _ = try RegionImporter().importFile(at: RepositoryFiles.dumaiCSV.path, on: conn) }
    for row in regions.rows {
        try conn.execute("INSERT INTO region (code, name, level, parent_code) VALUES (\(row.code), \(row.name), \(row.level), \(row.parent))")
    }
}

/// Runs `body` with a fresh database of its own, migrated to the bundled schema and holding `regions`;
/// dropped afterwards. For a whole suite, the `.migratedDatabase` or `.dumaiDatabase` trait and
/// ``TestDatabase`` do the same.
@discardableResult
public func withMigratedDatabase<T: Sendable>(
    regions: TestRegions = .none, label: String = #function, _ body: (PGConfiguration) async throws -> T
) async throws -> T {
    try await withScratchDatabase(label: label) { configuration in
        try await prepareTestDatabase(configuration, regions: regions)
        return try await body(configuration)
    }
}

/// ``withMigratedDatabase(regions:label:_:)`` with a client pool on the database, closed afterwards.
@discardableResult
public func withTestDatabase<T: Sendable>(
    regions: TestRegions = .none, label: String = #function, _ body: (PGClient) async throws -> T
) async throws -> T {
    try await withMigratedDatabase(regions: regions, label: label) { configuration in
        try await withClient(on: configuration) { try await body($0) }
    }
}

/// Runs `body` with a client pool on `configuration`'s database, closing it afterwards, also when
/// `body` throws.
public func withClient<T: Sendable>(
    on configuration: PGConfiguration, maxConnections: Int = 4, _ body: (PGClient) async throws -> T
) async throws -> T {
    let client = PGClient(configuration: configuration, options: .init(maxConnections: maxConnections))
    do {
        let value = try await body(client)
        await client.close()
        return value
    } catch {
        await client.close()
        throw error
    }
}

extension Trait where Self == FreshDatabaseTrait {
    /// A fresh database with the bundled schema and no regions, for the suite or test.
    public static var migratedDatabase: Self { .freshDatabase { try await prepareTestDatabase($0, regions: .none) } }
    /// A fresh database with the bundled schema and Kota Dumai's regions, for the suite or test.
    public static var dumaiDatabase: Self { .freshDatabase { try await prepareTestDatabase($0, regions: .dumai) } }
}
