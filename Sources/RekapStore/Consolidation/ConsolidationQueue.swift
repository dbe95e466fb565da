import Foundation
import Logging
import PostgresLibPQ
import RekapDomain

/// The queue of cities and years whose aggregates must be recomputed (`consolidation_job`), shared by
/// every `rekapd` and by `rekap consolidate`.
///
/// - ``enqueue(_:reason:on:)`` adds a pending job, or folds the request into the pending job that
///   already exists for the same city and year (a burst of submissions becomes one recompute).
/// - ``runNext(on:)`` claims the oldest due job with `FOR UPDATE SKIP LOCKED`, runs
///   ``Consolidator/recompute(city:year:on:)`` and marks the job done, all in ONE transaction: two
///   workers never take the same job, and a worker that dies mid-recompute leaves the previous
///   aggregates in place and the job pending (its transaction is rolled back), for the next worker.
/// - On commit, `pg_notify('rekap_consolidated', '{"city":"14.72","year":2023,"job_id":17}')`.
/// - A failing recompute is rolled back; the failure is then recorded (attempts, `last_error`, a
///   backoff before the next try) in a second transaction, and thrown as ``ConsolidationJobFailed``.
///
/// ```swift
/// let queue = ConsolidationQueue(workerID: "rekapd@host")
/// try queue.enqueue(CityYear(city: "14.72", year: 2023), reason: "submission 42", on: conn)
/// while let job = try queue.runNext(on: conn) { print(job.id, job.duration) }
/// ```
public struct ConsolidationQueue: Sendable {
    /// The channel a finished job is announced on, with `{"city":..,"year":..,"job_id":..}`.
    public static let consolidatedChannel = "rekap_consolidated"

    /// Recorded on each job this queue runs, and in its logs.
    public let workerID: String
    public let retryPolicy: RetryPolicy
    let logger: Logger

    public init(workerID: String, retryPolicy: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "rekap.consolidation")) {
        self.workerID = workerID
        self.retryPolicy = retryPolicy
        self.logger = logger
    }

    // MARK: Enqueue

    /// Asks for `target` to be recomputed; returns the pending job that will do it.
    ///
    /// While a worker is recomputing the same city and year, this waits for that transaction to end
    /// and then queues a new job: the recompute in progress may have started before the data behind
    /// this request was committed.
    ///
    /// - Throws: ``PGError`` with ``SQLState/foreignKeyViolation`` when the city is not in the region
    ///   registry.
    @discardableResult
    public func enqueue(_ target: CityYear, reason: String, on connection: PGConnection) throws(PGError) -> EnqueuedJob {
        // Two statements, so a pending job finished between them leaves nothing to report: try again.
        for _ in 0..<5 {
            let inserted = try connection.queryValue(
                Int64.self,
                """
                INSERT INTO consolidation_job (city_code, year, reason)
                VALUES (\(target.city.text), \(target.year), \(reason))
                ON CONFLICT (city_code, year) WHERE status = 'pending' DO NOTHING
                RETURNING id
                """)
            if let inserted {
                logger.debug("queued", metadata: metadata(id: inserted, target, ["reason": "\(reason)"]))
                return EnqueuedJob(id: inserted, coalesced: false)
            }
            let existing = try connection.queryValue(
                Int64.self,
                """
                SELECT id FROM consolidation_job
                WHERE city_code = \(target.city.text) AND year = \(target.year) AND status = 'pending'
                """)
            if let existing {
                logger.debug("coalesced", metadata: metadata(id: existing, target, ["reason": "\(reason)"]))
                return EnqueuedJob(id: existing, coalesced: true)
            }
        }
        throw PGError(kind: .server, message: "could not queue \(target): its pending job kept finishing; try again")
    }

    // MARK: Run

    /// Claims the oldest due pending job that no other worker holds, recomputes it and commits.
    ///
    /// Returns nil when there is nothing to do (no pending job, or every pending job is held by
    /// another worker or waiting out a backoff).
    ///
    /// - Throws: ``ConsolidationJobFailed`` when the recompute failed (recorded on the job; the
    ///   previous aggregates stand); ``PGError`` when the database could not be used (nothing
    ///   recorded: the job stays pending); cancellation errors as they come, with the job pending.
    public func runNext(on connection: PGConnection) throws -> ProcessedJob? {
        try run(
            claim: """
                UPDATE consolidation_job
                SET status = 'running', started_at = clock_timestamp(), worker_id = \(workerID)
                WHERE id = (
                    SELECT id FROM consolidation_job
                    WHERE status = 'pending' AND not_before <= now()
                    ORDER BY requested_at, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, city_code, year, reason, attempts, requested_at
                """, on: connection)
    }

    /// Like ``runNext(on:)``, for one job (`rekap consolidate`), without waiting out its backoff: a
    /// person asked for it now. Returns nil when the job is not pending or another worker holds it.
    public func run(job id: Int64, on connection: PGConnection) throws -> ProcessedJob? {
        try run(
            claim: """
                UPDATE consolidation_job
                SET status = 'running', started_at = clock_timestamp(), worker_id = \(workerID)
                WHERE id = (
                    SELECT id FROM consolidation_job
                    WHERE id = \(id) AND status = 'pending'
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, city_code, year, reason, attempts, requested_at
                """, on: connection)
    }

    private struct Claimed {
        let id: Int64
        let target: CityYear
        let reason: String
        let attempts: Int
        let requestedAt: Date
    }

    private func run(claim: PGQuery, on connection: PGConnection) throws -> ProcessedJob? {
        let clock = ContinuousClock()
        let start = clock.now
        var claimed: Claimed?
        do {
            // A deadlock or serialization failure is retried at once (everything is rolled back in between).
            let done = try connection.transaction(maxAttempts: 3) { conn -> Claimed? in
                guard let row = try conn.query(claim).first else { return nil }
                let job = Claimed(
                    id: try row.decode(Int64.self, column: "id"),
                    target: try Self.cityYear(row.decode(String.self, column: "city_code"), row.decode(Int.self, column: "year")),
                    reason: try row.decode(String.self, column: "reason"),
                    attempts: try row.decode(Int.self, column: "attempts"),
                    requestedAt: try row.decode(Date.self, column: "requested_at"))
                claimed = job
                logger.debug("claimed", metadata: metadata(id: job.id, job.target, ["reason": "\(job.reason)"]))
                // If this worker dies while the server is still busy (or waiting on a lock), the server
                // notices the closed socket within a second and rolls back, releasing the job at once.
                _ = try conn.query("SELECT set_config('client_connection_check_interval', '1000', true)")
                try Consolidator.recompute(city: job.target.city, year: job.target.year, on: conn)
                _ = try conn.query(
                    """
                    WITH done AS (
                        UPDATE consolidation_job
                        SET status = 'done', finished_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL
                        WHERE id = \(job.id)
                        RETURNING id, city_code, year)
                    SELECT pg_notify(\(Self.consolidatedChannel),
                                     jsonb_build_object('city', city_code, 'year', year, 'job_id', id)::text)
                    FROM done
                    """)
                return job
            }
            guard let done else { return nil }
            let processed = ProcessedJob(
                id: done.id, target: done.target, reason: done.reason, attempts: done.attempts + 1,
                requestedAt: done.requestedAt, duration: clock.now - start)
            logger.info(
                "consolidated",
                metadata: metadata(
                    id: processed.id, processed.target,
                    [
                        "duration_ms": "\(Self.milliseconds(processed.duration))", "reason": "\(processed.reason)",
                        "attempts": "\(processed.attempts)",
                    ]))
            return processed
        } catch {
            guard let job = claimed, Self.isJobFailure(error) else { throw error }
            throw recordFailure(of: job, error, on: connection)
        }
    }

    /// Cancellation (shutdown) and a lost connection are not the job's fault: it stays pending as is.
    static func isJobFailure(_ error: any Error) -> Bool {
        if error is CancellationError { return false }
        if let pg = error as? PGError, pg.kind == .cancelled || pg.kind == .connection || pg.kind == .poolClosed {
            return false
        }
        return true
    }

    /// Records a failed attempt (after the recompute's rollback) and returns the error to throw.
    private func recordFailure(of job: Claimed, _ error: any Error, on connection: PGConnection) -> any Error {
        let failures = job.attempts + 1
        let gaveUp = retryPolicy.givesUp(afterFailures: failures)
        let delay = retryPolicy.delay(afterFailures: failures)
        // Bounded, so a huge error text cannot bloat the row or the logs.
        let message = String(String(describing: error).prefix(2000))
        let failure = ConsolidationJobFailed(
            jobID: job.id, target: job.target, attempts: failures, gaveUp: gaveUp, retryAfter: gaveUp ? nil : delay,
            message: message)
        do {
            // SKIP LOCKED: if another worker has already claimed the job again, it owns the outcome now.
            try connection.execute(
                """
                UPDATE consolidation_job
                SET attempts = attempts + 1, last_error = \(message), worker_id = \(workerID),
                    status = CASE WHEN \(gaveUp) THEN 'failed' ELSE 'pending' END,
                    not_before = clock_timestamp() + \(Self.milliseconds(delay)) * interval '1 millisecond'
                WHERE id = (
                    SELECT id FROM consolidation_job WHERE id = \(job.id) AND status = 'pending'
                    FOR UPDATE SKIP LOCKED)
                """)
        } catch {
            logger.error(
                "could not record a failed recompute", metadata: metadata(id: job.id, job.target, ["error": "\(error)"]))
        }
        logger.error(
            gaveUp ? "recompute failed; giving up" : "recompute failed; will retry",
            metadata: metadata(
                id: job.id, job.target,
                ["attempts": "\(failures)", "retry_in_ms": "\(gaveUp ? 0 : Self.milliseconds(delay))", "error": "\(message)"]))
        return failure
    }

    // MARK: Reading

    /// A job's committed state, or nil when there is no such job.
    public func job(_ id: Int64, on connection: PGConnection) throws(PGError) -> ConsolidationJobState? {
        guard
            let row = try connection.query(
                """
                SELECT id, city_code, year, status, attempts, last_error, worker_id, finished_at
                FROM consolidation_job WHERE id = \(id)
                """
            ).first
        else { return nil }
        let status = try row.decode(String.self, column: "status")
        guard let state = ConsolidationJobStatus(rawValue: status) else {
            throw PGError(kind: .decoding, message: "consolidation job \(id) has the unexpected status \(status)")
        }
        return ConsolidationJobState(
            id: try row.decode(Int64.self, column: "id"),
            target: try Self.cityYear(row.decode(String.self, column: "city_code"), row.decode(Int.self, column: "year")),
            status: state,
            attempts: try row.decode(Int.self, column: "attempts"),
            lastError: try row.decode(String?.self, column: "last_error"),
            workerID: try row.decode(String?.self, column: "worker_id"),
            finishedAt: try row.decode(Date?.self, column: "finished_at"))
    }

    /// How long until the earliest pending job that no worker holds is due: zero when one is due
    /// now, nil when there is none. A worker sleeps this long (or until a notification) after draining.
    public func timeUntilNextDueJob(on connection: PGConnection) throws(PGError) -> Duration? {
        // FOR KEY SHARE SKIP LOCKED: a job another worker is recomputing is not ours to wait for.
        let milliseconds = try connection.queryValue(
            Int64?.self,
            """
            SELECT ceil(extract(epoch FROM min(not_before) - clock_timestamp()) * 1000)::bigint
            FROM (SELECT not_before FROM consolidation_job WHERE status = 'pending' FOR KEY SHARE SKIP LOCKED) AS due
            """)
        guard let milliseconds = milliseconds ?? nil else { return nil }
        return .milliseconds(max(0, milliseconds))
    }

    // MARK: Helpers

    /// A row's city and year; the schema's checks make a failure here a corrupt row.
    static func cityYear(_ city: String, _ year: Int) throws(PGError) -> CityYear {
        do {
            return try CityYear(city: city, year: year)
        } catch {
            throw PGError(kind: .decoding, message: "consolidation_job holds an invalid city and year: \(error)")
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    func metadata(id: Int64, _ target: CityYear, _ extra: Logger.Metadata = [:]) -> Logger.Metadata {
        var m: Logger.Metadata = [
            "job_id": "\(id)", "city": "\(target.city)", "year": "\(target.year)", "worker_id": "\(workerID)",
        ]
        m.merge(extra) { _, new in new }
        return m
    }
}
