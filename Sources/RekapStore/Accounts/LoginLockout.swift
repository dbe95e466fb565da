import Foundation

/// When repeated failed logins lock an account, and for how long: after ``threshold`` failures in a
/// row the account is locked for ``baseLock``, doubling with each further failure up to ``maximumLock``.
/// A successful login (or a new password) starts the count again. Locking by account, not by address,
/// so guessing one person's password from many addresses is slowed down as well.
public struct LoginLockout: Sendable, Hashable {
    public var threshold: Int
    public var baseLock: Duration
    public var maximumLock: Duration

    public init(threshold: Int = 5, baseLock: Duration = .seconds(60), maximumLock: Duration = .seconds(3600)) {
        self.threshold = max(1, threshold)
        self.baseLock = baseLock
        self.maximumLock = maximumLock
    }

    /// How long the account is locked after its `failures`-th failure in a row; nil below the threshold.
    public func lock(afterFailures failures: Int) -> Duration? {
        guard failures >= threshold else { return nil }
        let doublings = min(failures - threshold, 30)
        let seconds = Double(baseLock.components.seconds) * pow(2, Double(doublings))
        return min(.seconds(seconds), maximumLock)
    }
}
