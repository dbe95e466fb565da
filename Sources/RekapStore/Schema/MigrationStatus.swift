import Foundation

/// Where a database stands against a list of migrations, for `rekap db status`.
public struct MigrationStatus: Sendable {
    /// One migration, applied or not.
    public struct Entry: Sendable, Hashable {
        public enum State: String, Sendable, Hashable {
            /// Applied, and its file is unchanged.
            case applied
            /// Not applied yet.
            case pending
            /// Applied, but its file has changed since: `migrate` refuses to run.
            case changed
            /// Applied, but this rekap has no such file (the database is newer): `migrate` refuses to run.
            case unknown
        }

        public let version: Int
        public let fileName: String
        public let state: State
        /// When it was applied; nil when pending.
        public let appliedAt: Date?
    }

    /// Every migration known to either side, by version.
    public let entries: [Entry]

    public var pending: [Entry] { entries.filter { $0.state == .pending } }
    public var applied: [Entry] { entries.filter { $0.state != .pending } }
    /// True when `migrate` has nothing to do and nothing to refuse.
    public var isUpToDate: Bool { entries.allSatisfy { $0.state == .applied } }
    /// The highest applied version, or nil for an empty database.
    public var currentVersion: Int? { applied.map(\.version).max() }
}
