import HTTPTypes
import RekapDomain
import RekapStore

/// Rendered ranking answers (the body and the `Rekap-Aggregates` headers), kept between requests so
/// that a busy dashboard or API client costs one cheap ``RekapStore/AggregateStamp`` read instead of
/// a staleness check and a scoped read (issue #5: ≥ 1,000 ranking requests/s while submissions arrive).
///
/// Correctness rules:
/// - The route checks the caller's access (``RekapDomain/AccessScope``) BEFORE it looks here, and the
///   key holds the caller's scope with the normalized query: an answer is only ever served to the
///   scope it was read under, by the route's normal read (staleness check, then the scoped read).
/// - Each entry carries the stamp read BEFORE the read that filled it; it is served only while the
///   stamp read now is the same, i.e. no submission, PBB-P2 load or recompute has committed since.
///   This holds whichever process wrote (the CLI, another daemon), at once: no notification to wait for.
/// - Entries live at most ``timeToLive``: the bound for what the stamp does not cover (regions added
///   under the city, changed consolidation settings).
final class AnswerCache: Sendable {
    /// What identifies one answer: the route, the caller's scope and every parameter that shapes it.
    struct Key: Hashable, Sendable {
        var route: String
        /// The caller's scope: an answer is served only to the scope it was read under.
        var scope: AccessScope
        var city: RegionCode
        var year: Int
        /// The route's other parameters, normalized (defaults filled in), in a fixed order.
        var parameters: [String]
    }

    /// A rendered answer.
    struct Answer: Sendable {
        var body: String
        var contentType: String
        var headers: HTTPFields
    }

    private struct Entry {
        var stamp: AggregateStamp
        var answer: Answer
        var storedAt: ContinuousClock.Instant
    }

    /// The longest an entry is served.
    let timeToLive: Duration
    /// The most entries kept; beyond it the cache starts over (keys come from a few routes, cities,
    /// years, options and tokens, so only a client enumerating parameters gets there).
    let capacity: Int
    private let entries = Locked([Key: Entry]())

    init(timeToLive: Duration = .seconds(10), capacity: Int = 10_000) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    /// The answer stored for `key` if it was read under `stamp` (the stamp now) and is young enough.
    func answer(for key: Key, stamp: AggregateStamp) -> Answer? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.stamp == stamp, now - entry.storedAt < timeToLive else {
                entries[key] = nil
                return nil
            }
            return entry.answer
        }
    }

    /// Keeps `answer` for `key`; `stamp` must have been read before the reads behind `answer`.
    func store(_ answer: Answer, for key: Key, stamp: AggregateStamp) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries = [:] }
            entries[key] = Entry(stamp: stamp, answer: answer, storedAt: now)
        }
    }

    /// Entries held now (for tests).
    var count: Int { entries.withLock { $0.count } }
}
