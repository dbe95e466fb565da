import PostgresLibPQ

/// The transaction-level advisory locks rekap takes, in PostgreSQL's two-key form
/// `pg_advisory_xact_lock(class, key)`: the class keeps purposes apart (add new ones here, never reuse
/// a number), the key is `hashtext` of what is locked. A hash collision only makes two unrelated
/// transactions wait for each other; it never lets two related ones run together.
enum AdvisoryLock: Int32 {
    /// Numbering the revisions of one (region, year, period).
    case submissionRevision = 1

    /// Waits for the lock on `key`; it is released when the transaction ends.
    func lock(_ key: String) -> PGQuery {
        "SELECT pg_advisory_xact_lock(\(rawValue), hashtext(\(key)::text))"
    }
}
