import PostgresLibPQ

/// Every advisory lock rekap takes, in one place.
///
/// The two-key form `(class, key)`: the class keeps purposes apart (add new ones here, never reuse a
/// number), the key is `hashtext` of what is locked. A hash collision only makes two unrelated
/// transactions wait for (or skip) each other; it never lets two related ones run together.
/// The migrator's lock is the one-key form (``migrations``); PostgreSQL keeps the two forms apart.
enum AdvisoryLock: Int32 {
    /// Numbering the revisions of one (region, year, period). Transaction-level.
    case submissionRevision = 1

    /// Recomputing one city and year (`Consolidator`): recomputes of the same city/year wait for each
    /// other. Transaction-level. The class is `hashtext('rekap.consolidate')`, the value rekap used
    /// before this registry existed, so that daemons of both versions still exclude each other.
    case consolidation = 1_639_969_087

    /// A consolidation job being worked (`ConsolidationQueue`): session-level, held from the moment
    /// its attempt is counted until its recompute's transaction ends, so two workers never count or
    /// run the same attempt. A worker that dies loses it with its session.
    case consolidationJob = 2

    /// Numbering the revisions of one plan document key (region, kind, from, to). Transaction-level.
    case planRevision = 3

    /// Replacing the findings across documents of one (region, year) (`CrossFindingEvaluation`):
    /// evaluations of the same region and year run one after the other, each reading what the one
    /// before committed. Transaction-level; taken after any revision lock, years in ascending order.
    case crossFindings = 4

    /// The whole migration run (`Migrator`), session-level, one-key form: "rekapmig" in ASCII. Fixed,
    /// so every rekap process agrees on it.
    static let migrations: Int64 = 0x7265_6B61_706D_6967

    /// Waits for the transaction-level lock on `key`; it is released when the transaction ends.
    func lock(_ key: String) -> PGQuery {
        "SELECT pg_advisory_xact_lock(\(rawValue), hashtext(\(key)::text))"
    }

    /// Takes the session-level lock on `key` if no other session holds it: one boolean, true when taken.
    /// Release it with ``unlock(_:)`` on the same connection (or it goes with the session).
    func tryLockForSession(_ key: String) -> PGQuery {
        "SELECT pg_try_advisory_lock(\(rawValue), hashtext(\(key)::text))"
    }

    /// Releases the session-level lock on `key` taken with ``tryLockForSession(_:)``.
    func unlock(_ key: String) -> PGQuery {
        "SELECT pg_advisory_unlock(\(rawValue), hashtext(\(key)::text))"
    }
}
