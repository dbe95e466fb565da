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

/// A bad line of a feed: where and why.
public struct PBBBadLine: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}

/// A load refused because of bad lines; nothing was stored.
public struct PBBFeedRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// Bad lines in file order, at most the loader's listing cap per file.
    public let badLines: [PBBBadLine]
    /// Bad lines per file in all, listed or not (file names in load order).
    public let totals: [PBBFeedTotal]

    public struct PBBFeedTotal: Sendable, Hashable {
        public let file: String
        public let badLines: Int
        /// True when reading stopped early (a bad header, an overlong record), so more
        /// lines may be bad.
        public let stoppedEarly: Bool
    }

    /// Every listed bad line, one a line, with "and N more" per file where the listing was cut.
    public var description: String {
        var lines: [String] = []
        for total in totals {
            let listed = badLines.filter { $0.file == total.file }
            lines += listed.map(\.description)
            if total.badLines > listed.count {
                lines.append("\(total.file): and \(total.badLines - listed.count) more problem\(total.badLines - listed.count == 1 ? "" : "s")")
            }
            if total.stoppedEarly { lines.append("\(total.file): reading stopped there") }
        }
        return lines.joined(separator: "\n")
    }
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
