/// How often, and how soon, a failing recompute is tried again.
///
/// The delay doubles after each failed attempt, from ``firstDelay`` up to ``maximumDelay``. Every
/// attempt counts, whether it failed with an error or never finished (its worker was killed, ran
/// out of memory, lost its connection: the attempt is counted before the recompute begins); after
/// ``maximumAttempts`` the job is marked `failed` and left for a person to look at (`last_error`).
/// Nothing retries it by itself until new data arrives for its city and year
/// (``ConsolidationQueue/givenUp(_:on:)``); a fresh request then queues a new job.
public struct RetryPolicy: Sendable, Hashable {
    public var maximumAttempts: Int
    public var firstDelay: Duration
    public var maximumDelay: Duration

    public init(maximumAttempts: Int = 5, firstDelay: Duration = .seconds(10), maximumDelay: Duration = .seconds(600)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.firstDelay = firstDelay
        self.maximumDelay = max(firstDelay, maximumDelay)
    }

    /// The wait before the next attempt, after `failures` failed attempts (1 or more).
    public func delay(afterFailures failures: Int) -> Duration {
        var delay = firstDelay
        for _ in 1..<max(1, failures) {
            delay *= 2
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }

    /// Whether `failures` attempts (failed or unfinished) use up the job.
    public func givesUp(afterFailures failures: Int) -> Bool { failures >= maximumAttempts }
}
