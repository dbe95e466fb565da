import HTTPTypes
import RekapDomain
import RekapStore
import Synchronization

/// Rendered ranking answers (the body and the `Rekap-Aggregates` headers), kept between requests so
/// that a busy dashboard or API client costs one cheap ``RekapStore/AggregateStamp`` read instead of
/// a staleness check and a scoped read (the goal: ≥ 1,000 ranking requests/s while submissions arrive,
/// measured by `Benchmarks/http-load.sh`).
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
///
/// Reads are single-flight: requests that miss with the same key and stamp while one read is under
/// way wait for that read instead of starting their own. After each submission and each recompute
/// every busy connection misses at once; without this, each would run the same staleness check and
/// ranking query side by side, and on a small machine the duplicates are what the tail latency is
/// made of. A waiter's stamp equals the reader's, so nothing it must see committed after the read began.
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

    /// What a read gives: the answer, and whether later requests may be served it (not when it
    /// tells of its own request's work, e.g. "recomputed").
    struct ReadAnswer: Sendable {
        var answer: Answer
        var keep: Bool
    }

    private struct Entry {
        var stamp: AggregateStamp
        var answer: Answer
        var storedAt: ContinuousClock.Instant
    }

    /// Reads under way, each joined by the requests that miss with its key and stamp.
    private struct FlightKey: Hashable {
        var key: Key
        var stamp: AggregateStamp
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var flights: [FlightKey: Task<Answer, any Error>] = [:]
    }

    /// The longest an entry is served.
    let timeToLive: Duration
    /// The most entries kept; beyond it the cache starts over (keys come from a few routes, cities,
    /// years, options and tokens, so only a client enumerating parameters gets there).
    let capacity: Int
    private let state = Mutex(State())

    init(timeToLive: Duration = .seconds(10), capacity: Int = 10_000) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    /// Where an answer came from, for the metrics (`rekap_answer_cache_lookups_total`).
    enum Source: String, Sendable {
        /// Kept from an earlier read.
        case stored
        /// A read under way for another request with the same key and stamp.
        case joined
        /// This request's own read.
        case read
    }

    /// The answer for `key` under `stamp` (read before anything `read` reads): the stored one, the
    /// one a read under way for the same key and stamp gives, or else what `read` gives, kept for
    /// later requests when it says so.
    ///
    /// The read runs in a task of its own, so a client that hangs up does not cancel the answer the
    /// others wait for. Its error, if any, is every waiter's.
    func answer(
        for key: Key, stamp: AggregateStamp, read: @escaping @Sendable () async throws -> ReadAnswer
    ) async throws -> (answer: Answer, source: Source) {
        let now = ContinuousClock.now
        let found: Lookup = state.withLock { state in
            if let entry = state.entries[key] {
                if entry.stamp == stamp, now - entry.storedAt < timeToLive { return .stored(entry.answer) }
                state.entries[key] = nil
            }
            let flight = FlightKey(key: key, stamp: stamp)
            if let task = state.flights[flight] { return .joined(task) }
            let task = Task<Answer, any Error> {
                do {
                    let result = try await read()
                    self.land(flight, keeping: result.keep ? result.answer : nil)
                    return result.answer
                } catch {
                    self.land(flight, keeping: nil)
                    throw error
                }
            }
            state.flights[flight] = task
            return .read(task)
        }
        switch found {
        case .stored(let answer): return (answer, .stored)
        case .joined(let read): return (try await read.value, .joined)
        case .read(let read): return (try await read.value, .read)
        }
    }

    private enum Lookup {
        case stored(Answer)
        case joined(Task<Answer, any Error>)
        case read(Task<Answer, any Error>)
    }

    /// Ends a read and keeps its answer, if any.
    private func land(_ flight: FlightKey, keeping answer: Answer?) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.flights[flight] = nil
            guard let answer else { return }
            if state.entries.count >= capacity, state.entries[flight.key] == nil { state.entries = [:] }
            state.entries[flight.key] = Entry(stamp: flight.stamp, answer: answer, storedAt: now)
        }
    }

    /// Entries held now (for tests).
    var count: Int { state.withLock { $0.entries.count } }
}
