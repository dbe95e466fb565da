import Foundation

/// One schema migration: a file `NNNN_name.sql` from `Sources/RekapStore/Migrations/` (the top-level `sql/`).
///
/// The file is applied as it is, in one transaction, so it must not hold statements that refuse to run
/// inside a transaction block (`CREATE INDEX CONCURRENTLY`, `VACUUM`).
public struct Migration: Sendable, Hashable {
    /// The number the file name starts with; migrations apply in increasing order.
    public let version: Int
    /// The rest of the file name, e.g. `regions` for `0001_regions.sql`.
    public let name: String
    /// The SQL text.
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// What `schema_migrations.checksum` records: SHA-256 of the file's bytes, lower-case hex.
    public var checksum: String { HexText.sha256(sql.utf8) }

    /// The file name it comes from, e.g. `0001_regions.sql`: how messages name a migration.
    public var fileName: String { Self.fileName(version: version, name: name) }

    static func fileName(version: Int, name: String) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }

    /// Reads every `NNNN_name.sql` in `directory`, sorted by version.
    ///
    /// - Throws: ``MigrationError/badFileName(_:)`` for a `.sql` file whose name does not follow the
    ///   pattern, ``MigrationError/duplicateVersion(_:_:)`` when two files share a number,
    ///   ``MigrationError/unreadable(_:_:)`` when a file cannot be read or is not UTF-8.
    public static func load(from directory: URL) throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unreadable(directory.path, "the folder cannot be listed")
        }
        var migrations: [Migration] = []
        for fileName in names.sorted() where fileName.hasSuffix(".sql") {
            guard let (version, name) = parseFileName(fileName) else { throw .badFileName(fileName) }
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(fileName).path) else {
                throw .unreadable(fileName, "it cannot be read")
            }
            guard let sql = String(data: data, encoding: .utf8) else { throw .unreadable(fileName, "it is not valid UTF-8") }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        try checkUniqueVersions(migrations)
        return migrations.sorted { $0.version < $1.version }
    }

    /// The migrations bundled with RekapStore: the schema this build of rekap expects.
    public static func bundled() throws(MigrationError) -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw .unreadable("Migrations", "the resource folder is missing from the RekapStore bundle")
        }
        return try load(from: directory)
    }

    /// `0001_regions.sql` -> (1, "regions"); nil unless it is 4 digits, `_`, and a name of
    /// lowercase letters, digits and underscores.
    static func parseFileName(_ fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4).utf8
        guard stem.count > 5 else { return nil }
        let digits = stem.prefix(4)
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            stem.dropFirst(4).first == UInt8(ascii: "_")
        else { return nil }
        let name = stem.dropFirst(5)
        let allowed = name.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "_")
        }
        guard allowed, let version = Int(String(decoding: digits, as: UTF8.self)), version > 0 else { return nil }
        return (version, String(decoding: name, as: UTF8.self))
    }

    static func checkUniqueVersions(_ migrations: [Migration]) throws(MigrationError) {
        var seen: [Int: Migration] = [:]
        for migration in migrations {
            if let other = seen[migration.version] { throw .duplicateVersion(other.fileName, migration.fileName) }
            seen[migration.version] = migration
        }
    }
}
