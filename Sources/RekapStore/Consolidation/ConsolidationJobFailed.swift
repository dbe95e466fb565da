/// A recompute failed: its transaction was rolled back (the previous aggregates stand), and the
/// failure was recorded on the job.
public struct ConsolidationJobFailed: Error, Sendable, CustomStringConvertible {
    public let jobID: Int64
    public let target: CityYear
    /// Attempts so far, this one included (failed, or unfinished because a worker died).
    public let attempts: Int
    /// True when the attempts ran out and the job is now `failed`; otherwise it is pending again,
    /// after ``retryAfter``.
    public let gaveUp: Bool
    public let retryAfter: Duration?
    /// What went wrong, as recorded in `consolidation_job.last_error`.
    public let message: String

    public var description: String {
        let outcome: String
        if gaveUp {
            outcome = "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s")"
        } else if let retryAfter {
            outcome = "attempt \(attempts), retrying in \(retryAfter)"
        } else {
            outcome = "attempt \(attempts)"
        }
        return "consolidation job \(jobID) (\(target)) failed, \(outcome): \(message)"
    }
}
