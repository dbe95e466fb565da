import Foundation
import HTTPTypes
import Logging
import RekapDomain
import RekapStore

/// Rendered ranking answers (the body and the `Rekap-Aggregates` headers), kept between requests so
/// that a busy dashboard or API client costs one token check instead of a staleness check and a
/// scoped read each time (issue #5: ≥ 1,000 ranking requests/s while submissions arrive).
///
/// Correctness rules:
/// - The route checks the caller's access (``RekapDomain/AccessScope``) BEFORE it looks here; the key
///   holds the caller's role and region as well as the normalized query, so an answer is only ever
///   served to the same scope it was read under.
/// - Entries are filled only by the route's normal read (staleness check, then the read in the
///   caller's scope), and only while the invalidation feed is listening (``AnswerCacheFeed``).
/// - A city/year is dropped when its inputs or aggregates change: `rekap_submission`,
///   `rekap_pbb_load`, `rekap_consolidated` notifications (other processes: the CLI, other daemons),
///   and at once by this process's own routes after they commit (so one client's submission is
///   seen by its next request without waiting for the notification).
/// - A read that started before an invalidation of its city/year is not stored (``Ticket``): an
///   answer older than the change it raced with never comes back.
/// - Entries live at most ``timeToLive``: the safety net for what sends no notification (a region
///   import, changed consolidation settings).
final class AnswerCache: Sendable {
    /// What identifies one answer: the route, the caller's scope and every parameter that shapes it.
    struct Key: Hashable, Sendable {
        var route: String
        /// The caller's scope: an answer is served only to the scope it was read under.
        var scope: AccessScope
        var target: CityYear
        /// The route's other parameters, normalized (defaults filled in), in a fixed order.
        var parameters: [String]
    }

    /// A rendered answer.
    struct Answer: Sendable {
        var body: String
        var contentType: String
        var headers: HTTPFields
    }

    /// Taken before the read that will fill an entry; ``store(_:for:ticket:)`` refuses it when the
    /// city/year (or everything) was invalidated in between, or the feed was not listening.
    struct Ticket: Sendable {
        fileprivate let target: CityYear
        fileprivate let generation: UInt64
        fileprivate let epoch: UInt64
        fileprivate let usable: Bool
    }

    private struct Entry {
        var answer: Answer
        var storedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var keysByTarget: [CityYear: Set<Key>] = [:]
        var generations: [CityYear: UInt64] = [:]
        var epoch: UInt64 = 0
        var listening = false
    }

    /// The longest an entry is served.
    let timeToLive: Duration
    /// The most entries kept; beyond it the cache starts over (keys come from a few routes, cities,
    /// years and options, so this is only reached by clients enumerating parameters).
    let capacity: Int
    private let state = Locked(State())

    init(timeToLive: Duration = .seconds(5), capacity: Int = 10_000) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    /// The answer stored for `key`, if it is there and young enough.
    func answer(for key: Key) -> Answer? {
        let now = ContinuousClock.now
        return state.withLock { s in
            guard s.listening, let entry = s.entries[key] else { return nil }
            guard now - entry.storedAt < timeToLive else {
                s.entries[key] = nil
                s.keysByTarget[key.target]?.remove(key)
                return nil
            }
            return entry.answer
        }
    }

    /// Take before reading what will be stored for `target`.
    func ticket(for target: CityYear) -> Ticket {
        state.withLock { s in
            Ticket(target: target, generation: s.generations[target, default: 0], epoch: s.epoch, usable: s.listening)
        }
    }

    /// Keeps `answer` for `key` unless its city/year changed since `ticket` was taken.
    func store(_ answer: Answer, for key: Key, ticket: Ticket) {
        let now = ContinuousClock.now
        state.withLock { s in
            guard ticket.usable, s.listening, ticket.epoch == s.epoch, ticket.target == key.target,
                  s.generations[key.target, default: 0] == ticket.generation
            else { return }
            if s.entries.count >= capacity {
                s.entries = [:]
                s.keysByTarget = [:]
            }
            s.entries[key] = Entry(answer: answer, storedAt: now)
            s.keysByTarget[key.target, default: []].insert(key)
        }
    }

    /// Forgets every answer about `targets` and refuses the reads of them in flight.
    func invalidate(_ targets: some Sequence<CityYear>) {
        state.withLock { s in
            for target in targets {
                s.generations[target, default: 0] &+= 1
                for key in s.keysByTarget.removeValue(forKey: target) ?? [] { s.entries[key] = nil }
            }
        }
    }

    /// Forgets everything (a PBB-P2 load of unknown cities, a lost listener).
    func invalidateAll() {
        state.withLock { s in
            s.epoch &+= 1
            s.entries = [:]
            s.keysByTarget = [:]
        }
    }

    /// Whether entries may be filled and served: true only while every change is being heard of.
    /// Turning it either way drops everything.
    func setListening(_ listening: Bool) {
        state.withLock { s in
            s.listening = listening
            s.epoch &+= 1
            s.entries = [:]
            s.keysByTarget = [:]
        }
    }

    private let following = Locked(false)

    /// Starts keeping this cache in step with `events` (``AnswerCacheFeed``), once; until the
    /// subscription is in place nothing is cached.
    func startFollowing(_ events: ConsolidationEvents, logger: Logger) {
        guard following.withLock({ started in
            defer { started = true }
            return !started
        }) else { return }
        Task { await AnswerCacheFeed.follow(events, into: self, logger: logger) }
    }

    /// Entries held now (for tests).
    var count: Int { state.withLock { $0.entries.count } }
}
