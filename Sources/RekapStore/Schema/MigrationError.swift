import PostgresLibPQ

/// Why the migrator refuses to run or stopped. Every case names the migration file concerned.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// A `.sql` file in the migrations folder is not named `NNNN_name.sql`.
    case badFileName(String)
    /// Two files share a version number.
    case duplicateVersion(String, String)
    /// A migration file (or the folder) cannot be read.
    case unreadable(String, String)
    /// An applied migration's file has changed since it was applied (its checksum differs).
    case changedSinceApplied(fileName: String, appliedChecksum: String, fileChecksum: String)
    /// The database has applied a migration this build of rekap does not have (it is newer).
    case unknownApplied(fileName: String)
    /// A migration's SQL failed; it was rolled back, and nothing after it was applied.
    case failed(fileName: String, PGError)

    public var description: String {
        switch self {
        case .badFileName(let file):
            "the migration file \(file) is not named NNNN_name.sql (4 digits, an underscore, lowercase letters, digits and underscores)"
        case .duplicateVersion(let first, let second):
            "the migration files \(first) and \(second) have the same version number"
        case .unreadable(let file, let reason):
            "the migration file \(file) cannot be used: \(reason)"
        case .changedSinceApplied(let file, let applied, let current):
            "the migration file \(file) has changed since it was applied (checksum \(current.prefix(12)), "
                + "applied \(applied.prefix(12))); restore it and put the change in a new migration"
        case .unknownApplied(let file):
            "the database has migration \(file) applied, which this rekap does not have; use a newer rekap"
        case .failed(let file, let error):
            "the migration \(file) failed and was rolled back: \(error.message)"
                + (error.detail.map { " (\($0))" } ?? "")
        }
    }
}
