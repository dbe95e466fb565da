import Foundation

/// A job in the queue after ``ConsolidationQueue/enqueue(_:reason:on:)``.
public struct EnqueuedJob: Sendable, Hashable {
    /// The pending job that will do the work.
    public let id: Int64
    /// True when a pending job for the same city and year already existed and the request was
    /// folded into it (it has not started yet, so it will see everything committed before now).
    public let coalesced: Bool
}

/// A job that ``ConsolidationQueue/runNext(on:)`` claimed, recomputed and committed.
public struct ProcessedJob: Sendable, Hashable {
    public let id: Int64
    public let target: CityYear
    public let reason: String
    /// Attempts including this successful one.
    public let attempts: Int
    public let requestedAt: Date
    /// From claiming the job to the commit.
    public let duration: Duration
}

/// Where a job stands, as committed.
public enum ConsolidationJobStatus: String, Sendable, Hashable {
    /// Waiting for a worker, or being recomputed by one right now (uncommitted work is invisible).
    case pending
    /// Recomputed and committed.
    case done
    /// Its attempts ran out; ``ConsolidationJobState/lastError`` says why. A new request queues a new job.
    case failed
}

/// One job's row, for waiting on it and for reports.
public struct ConsolidationJobState: Sendable, Hashable {
    public let id: Int64
    public let target: CityYear
    public let status: ConsolidationJobStatus
    public let attempts: Int
    public let lastError: String?
    /// The worker that finished it, or last tried it.
    public let workerID: String?
    public let finishedAt: Date?
}
