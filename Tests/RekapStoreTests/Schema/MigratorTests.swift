import PostgresLibPQ
@testable import RekapStore
import RekapTestSupport
import Testing

@Suite struct MigratorTests {
    /// Two tiny migrations standing in for the bundled ones, so the tests can change them.
    static let first = Migration(version: 1, name: "widgets", sql: "CREATE TABLE widget (id integer PRIMARY KEY);")
    static let second = Migration(
        version: 2, name: "widget_names", sql: "ALTER TABLE widget ADD COLUMN name text; INSERT INTO widget VALUES (1, 'a');")

    @Test func bundledMigrationsAreNumberedFromOneWithoutGaps() throws {
        let migrations = try Migration.bundled()
        #expect(migrations.map(\.version) == Array(1...migrations.count))
        #expect(migrations.first?.fileName == "0001_regions.sql")
        #expect(migrations.allSatisfy { !$0.sql.isEmpty })
    }

    @Test func appliesBundledMigrationsThenIsANoOp() async throws {
        try await withScratchDatabase(label: "bundled") { configuration in
            let client = PGClient(configuration: configuration, options: .init(maxConnections: 1))
            let migrator = try Migrator()
            let before = try await migrator.status(client)
            #expect(before.pending.count == migrator.migrations.count)
            #expect(before.currentVersion == nil)

            let applied = try await migrator.migrate(client)
            #expect(applied.map(\.version) == migrator.migrations.map(\.version))
            let again = try await migrator.migrate(client)
            #expect(again.isEmpty)

            let after = try await migrator.status(client)
            #expect(after.isUpToDate)
            #expect(after.currentVersion == migrator.migrations.last?.version)
            #expect(after.entries.allSatisfy { $0.appliedAt != nil })
            let recorded = try await client.query("SELECT count(*) FROM schema_migrations").first?.decode(Int.self, at: 0)
            #expect(recorded == migrator.migrations.count)
            // The schema is really there.
            let tables = try await client.query("SELECT to_regclass('region') IS NOT NULL").first?.decode(Bool.self, at: 0)
            #expect(tables == true)
            await client.close()
        }
    }

    @Test func concurrentMigratorsApplyEachMigrationOnce() async throws {
        try await withScratchDatabase(label: "concurrent") { configuration in
            let migrator = try Migrator()
            let results = try await withThrowingTaskGroup(of: [Migration].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let conn = try PGConnection(configuration: configuration)
                        defer { conn.close() }
                        return try migrator.migrate(on: conn)
                    }
                }
                return try await group.reduce(into: [[Migration]]()) { $0.append($1) }
            }
            // Exactly one run applied everything; the others waited for the lock and found nothing to do.
            #expect(results.filter { !$0.isEmpty }.count == 1)
            #expect(results.flatMap { $0 }.map(\.version) == migrator.migrations.map(\.version))
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            let rows = try conn.queryValue(Int.self, "SELECT count(*) FROM schema_migrations")
            #expect(rows == migrator.migrations.count)
        }
    }

    @Test func refusesWhenAnAppliedMigrationChanged() async throws {
        try await withScratchDatabase(label: "changed") { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            try Migrator(migrations: [Self.first]).migrate(on: conn)

            let edited = Migration(version: 1, name: "widgets", sql: "CREATE TABLE widget (id bigint PRIMARY KEY);")
            let migrator = try Migrator(migrations: [edited, Self.second])
            let status = try migrator.status(on: conn)
            #expect(status.entries.map(\.state) == [.changed, .pending])

            let error = #expect(throws: MigrationError.self) { try migrator.migrate(on: conn) }
            guard case .changedSinceApplied(let fileName, _, _)? = error else {
                Issue.record("expected changedSinceApplied, got \(String(describing: error))")
                return
            }
            #expect(fileName == "0001_widgets.sql")
            #expect(error?.description.contains("0001_widgets.sql") == true)
            // Nothing after the refusal was applied.
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM schema_migrations") == 1)
            #expect(try conn.queryValue(Bool.self, "SELECT to_regclass('widget') IS NOT NULL") == true)
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'widget'") == 1)
        }
    }

    @Test func refusesWhenTheDatabaseHasAMigrationThisBuildLacks() async throws {
        try await withScratchDatabase(label: "unknown") { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            try Migrator(migrations: [Self.first, Self.second]).migrate(on: conn)
            let older = try Migrator(migrations: [Self.first])
            #expect(try older.status(on: conn).entries.map(\.state) == [.applied, .unknown])
            let error = #expect(throws: MigrationError.self) { try older.migrate(on: conn) }
            #expect(error?.description.contains("0002_widget_names.sql") == true)
        }
    }

    @Test func aFailingMigrationIsRolledBackAndNamed() async throws {
        try await withScratchDatabase(label: "failing") { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            let broken = Migration(
                version: 2, name: "broken", sql: "CREATE TABLE half_done (id integer); SELECT no_such_column FROM widget;")
            let error = #expect(throws: MigrationError.self) {
                try Migrator(migrations: [Self.first, broken]).migrate(on: conn)
            }
            #expect(error?.description.contains("0002_broken.sql") == true)
            #expect(error?.description.contains("no_such_column") == true)
            // The first migration stays applied; nothing of the broken one is left.
            #expect(try conn.queryValue(Int.self, "SELECT max(version) FROM schema_migrations") == 1)
            #expect(try conn.queryValue(Bool.self, "SELECT to_regclass('half_done') IS NULL") == true)
            // The advisory lock was released: another migrator can run at once.
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0)
        }
    }

    @Test func rejectsDuplicateVersionsAndBadFileNames() throws {
        let twin = Migration(version: 1, name: "other", sql: "SELECT 1;")
        #expect(throws: MigrationError.self) { try Migrator(migrations: [Self.first, twin]) }
        #expect(Migration.parseFileName("0003_pbb.sql")! == (3, "pbb"))
        for bad in ["3_pbb.sql", "0003-pbb.sql", "0003_PBB.sql", "0003_.sql", "0000_zero.sql", "abcd_x.sql"] {
            #expect(Migration.parseFileName(bad) == nil, "\(bad)")
        }
    }
}
