import Foundation
import Logging
import PostgresLibPQ

/// Brings a database's schema up to date by applying `NNNN_name.sql` migrations in order.
///
/// - Each migration runs in its own transaction and is recorded in `schema_migrations(version, name,
///   checksum, applied_at)` in that same transaction, so a failing migration leaves nothing behind
///   and the ones before it stay applied.
/// - The whole run holds a session advisory lock (``lockKey``), so two migrators started at once
///   (two deploys, two test processes) apply each migration exactly once: the second waits, then
///   finds nothing to do.
/// - It refuses to run, before applying anything, when a migration already applied has a different
///   checksum than its file now (someone edited an applied migration: the database would silently
///   differ from a fresh one), or when the database has a migration this build does not know.
///
/// ```swift
/// let applied = try await Migrator().migrate(client)      // the bundled migrations
/// let status = try await Migrator().status(client)
/// ```
public struct Migrator: Sendable {
    /// The advisory lock key held during ``migrate(on:)`` (registered with the others in `AdvisoryLock`).
    public static let lockKey: Int64 = AdvisoryLock.migrations

    /// The migrations to apply, sorted by version.
    public let migrations: [Migration]
    let logger: Logger

    /// A migrator for the migrations bundled with RekapStore.
    public init(logger: Logger = Logger(label: "rekap.migrator")) throws(MigrationError) {
        try self.init(migrations: Migration.bundled(), logger: logger)
    }

    /// A migrator for a given list (tests use this to simulate edited or newer migrations).
    public init(migrations: [Migration], logger: Logger = Logger(label: "rekap.migrator")) throws(MigrationError) {
        try Migration.checkUniqueVersions(migrations)
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    // MARK: Migrate

    /// Applies every pending migration; returns those it applied, in order (empty when up to date).
    @discardableResult
    public func migrate(_ client: PGClient) async throws -> [Migration] {
        try await client.withConnection { conn in try migrate(on: conn) }
    }

    /// Applies every pending migration on `conn`, which must not be inside a transaction.
    ///
    /// - Throws: ``MigrationError`` when it refuses to run or a migration fails (naming the file);
    ///   ``PGError`` when the database fails otherwise (e.g. is unreachable).
    @discardableResult
    public func migrate(on conn: PGConnection) throws -> [Migration] {
        guard conn.transactionStatus == .idle else {
            throw PGError(kind: .usage, message: "migrations must run outside a transaction")
        }
        try conn.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? conn.execute("SELECT pg_advisory_unlock(\(Self.lockKey))") }

        // Under the lock, so two first runs cannot race to create it. (Checked first rather than
        // IF NOT EXISTS, which logs a notice on every run.)
        if try conn.queryValue(Bool.self, "SELECT to_regclass('schema_migrations') IS NULL") == true {
            try conn.executeScript(
                """
                CREATE TABLE schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
        }
        let status = try status(on: conn)
        if let entry = status.entries.first(where: { $0.state == .unknown }) {
            throw MigrationError.unknownApplied(fileName: entry.fileName)
        }
        if let entry = status.entries.first(where: { $0.state == .changed }) {
            throw try changedError(entry, on: conn)
        }
        let pendingVersions = Set(status.pending.map(\.version))
        var applied: [Migration] = []
        for migration in migrations where pendingVersions.contains(migration.version) {
            let started = ContinuousClock.now
            do {
                try conn.transaction { conn in
                    try conn.executeScript(migration.sql)
                    try conn.execute(
                        """
                        INSERT INTO schema_migrations (version, name, checksum)
                        VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                        """)
                }
            } catch let error as PGError where error.kind == .server {
                throw MigrationError.failed(fileName: migration.fileName, error)
            }
            logger.debug("applied \(migration.fileName)", metadata: ["duration": "\(ContinuousClock.now - started)"])
            applied.append(migration)
        }
        return applied
    }

    // MARK: Status

    /// Which migrations are applied, pending, changed since applied, or unknown to this build.
    public func status(_ client: PGClient) async throws -> MigrationStatus {
        try await client.withConnection { conn in try status(on: conn) }
    }

    /// ``status(_:)`` on a given connection; reads only (an empty database has everything pending).
    public func status(on conn: PGConnection) throws(PGError) -> MigrationStatus {
        let exists = try conn.queryValue(Bool.self, "SELECT to_regclass('schema_migrations') IS NOT NULL") ?? false
        var appliedRows: [Int: (name: String, checksum: String, appliedAt: Date)] = [:]
        if exists {
            for row in try conn.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version") {
                appliedRows[try row.decode(Int.self, column: "version")] = (
                    try row.decode(String.self, column: "name"), try row.decode(String.self, column: "checksum"),
                    try row.decode(Date.self, column: "applied_at")
                )
            }
        }
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        var entries: [MigrationStatus.Entry] = []
        for version in Set(known.keys).union(appliedRows.keys).sorted() {
            let fileName = known[version]?.fileName ?? Migration.fileName(version: version, name: appliedRows[version]!.name)
            let state: MigrationStatus.Entry.State
            switch (known[version], appliedRows[version]) {
            case (_?, nil): state = .pending
            case (nil, _?): state = .unknown
            case (let migration?, let row?): state = migration.checksum == row.checksum ? .applied : .changed
            case (nil, nil): continue
            }
            entries.append(.init(version: version, fileName: fileName, state: state, appliedAt: appliedRows[version]?.appliedAt))
        }
        return MigrationStatus(entries: entries)
    }

    private func changedError(_ entry: MigrationStatus.Entry, on conn: PGConnection) throws -> MigrationError {
        guard let migration = migrations.first(where: { $0.version == entry.version }) else {
            return .unknownApplied(fileName: entry.fileName)
        }
        let applied = try conn.queryValue(String.self, "SELECT checksum FROM schema_migrations WHERE version = \(migration.version)")
        return .changedSinceApplied(fileName: migration.fileName, appliedChecksum: applied ?? "", fileChecksum: migration.checksum)
    }
}
