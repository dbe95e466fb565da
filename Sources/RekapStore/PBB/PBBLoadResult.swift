/// What loading one feed did.
public struct PBBFeedOutcome: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        /// Stored as load `loadID`. For a ketetapan: `added` new objects/years, `replaced` whose
        /// kelurahan or pokok changed, `unchanged` the rest. For payments: `added` new payments,
        /// `unchanged` those already stored (a repeated or cumulative export); `replaced` is 0.
        case loaded(loadID: Int64, added: Int, replaced: Int, unchanged: Int)
        /// The same bytes of the same kind were loaded before, as `loadID`; nothing was done.
        case alreadyLoaded(loadID: Int64, loadedAt: String)
    }

    public let kind: PBBFeedKind
    public let name: String
    /// SHA-256 of the file's bytes, lower-case hex.
    public let sha256: String
    /// Data lines (the header and empty lines not counted).
    public let rows: Int
    public let bytes: Int
    public let status: Status
}

/// What a successful load did: every feed's outcome, and the cities and years whose
/// aggregates are now stale (also sent as `pg_notify('rekap_pbb_load', ...)`).
public struct PBBLoadResult: Sendable, Hashable {
    public let feeds: [PBBFeedOutcome]
    /// `PP.KK` codes, sorted.
    public let cities: [String]
    public let years: [Int]
}

/// A load refused because of bad lines in one or more of its feeds; nothing of any feed was stored.
public struct PBBFeedRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// One entry per feed with bad lines, in load order: its first bad lines (in line order, at
    /// most the loader's listing cap) and how many there are in all.
    public let files: [RejectedFile]

    public init(files: [RejectedFile]) {
        self.files = files
    }

    /// Every listed bad line as `FILE:LINE: reason`, file by file, with "… and N more" where cut.
    public var description: String { files.map(\.description).joined(separator: "\n") }
}

/// How far a load is, for a progress line.
public struct PBBLoadProgress: Sendable, Hashable {
    public let kind: PBBFeedKind
    public let name: String
    public let rows: Int
    public let bytes: Int
    public let elapsed: Duration
    /// True once the file is read and the loader works on the database (merge, indexes).
    public let merging: Bool
}
