import Synchronization

/// One `fresh=true` recompute per token per interval (``ServerSettings/freshRecomputeInterval``): a
/// token asking for recompute after recompute would keep the database busy for everyone else.
final class FreshRecomputeLimiter: Sendable {
    let interval: Duration
    private let lastRecompute = Mutex<[Int64: ContinuousClock.Instant]>([:])

    init(interval: Duration) {
        self.interval = interval
    }

    /// Nil when token `tokenID` may recompute now (and records it), else how long it must wait.
    func admit(tokenID: Int64, now: ContinuousClock.Instant = .now) -> Duration? {
        lastRecompute.withLock { last in
            if let previous = last[tokenID], now - previous < interval { return interval - (now - previous) }
            // Forget the tokens whose interval has passed, so the table stays as small as the busy tokens.
            if last.count >= 1024 { last = last.filter { now - $0.value < interval } }
            last[tokenID] = now
            return nil
        }
    }
}
