import Foundation
import Logging
import PostgresLibPQ
import RekapDomain

/// The queue of cities and years whose aggregates must be recomputed (`consolidation_job`), shared by
/// every `rekapd` and by `rekap consolidate`.
///
/// - ``enqueue(_:reason:on:)`` adds a pending job, or folds the request into the pending job that
///   already exists for the same city and year (a burst of submissions becomes one recompute).
/// - ``runNext(on:)`` takes the oldest due job no other worker holds and first counts the attempt,
///   committed on its own (``RetryPolicy/maximumAttempts``); then it claims the job with
///   `FOR UPDATE SKIP LOCKED`, runs ``Consolidator/recompute(city:year:on:)`` and marks the job done,
///   all in ONE transaction: two workers never take the same job, and a worker that dies
///   mid-recompute leaves the previous aggregates in place and the job pending (its transaction is
///   rolled back), for the next worker. The attempt stays counted, so a job that keeps killing its
///   worker is marked `failed` once its attempts run out instead of being retried forever.
/// - On commit, `pg_notify('rekap_consolidated', '{"city":"14.72","year":2023,"job_id":17}')`.
/// - A failing recompute is rolled back; the failure is then recorded (`last_error`, a backoff
///   before the next try, or `failed` when its attempts ran out), and thrown as
///   ``ConsolidationJobFailed``.
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
    ///   previous aggregates stand), or when the job's attempts had run out before this one (each
    ///   earlier attempt died with its worker: it is marked `failed`); ``PGError`` when the database
    ///   could not be used (nothing recorded: the job stays pending); cancellation errors as they
    ///   come, with the job pending.
    public func runNext(on connection: PGConnection) throws -> ProcessedJob? {
        try run(
            candidates: """
                SELECT id FROM consolidation_job
                WHERE status = 'pending' AND not_before <= now()
                ORDER BY requested_at, id
                LIMIT 8
                FOR UPDATE SKIP LOCKED
                """, on: connection)
    }

    /// Like ``runNext(on:)``, for one job (`rekap consolidate`), without waiting out its backoff: a
    /// person asked for it now. Returns nil when the job is not pending or another worker holds it.
    public func run(job id: Int64, on connection: PGConnection) throws -> ProcessedJob? {
        try run(
            candidates: """
                SELECT id FROM consolidation_job
                WHERE id = \(id) AND status = 'pending'
                FOR UPDATE SKIP LOCKED
                """, on: connection)
    }

    private struct Claimed {
        let id: Int64
        let target: CityYear
        let reason: String
        /// Attempts so far, this one included (counted and committed before it began).
        let attempts: Int
        let requestedAt: Date
    }

    /// What ``startAttempt(candidates:on:)`` found.
    private enum Start {
        case nothing
        case claimed(Claimed)
        case gaveUp(ConsolidationJobFailed)
    }

    private func run(candidates: PGQuery, on connection: PGConnection) throws -> ProcessedJob? {
        let job: Claimed
        switch try startAttempt(candidates: candidates, on: connection) {
        case .nothing: return nil
        case .gaveUp(let failure): throw failure
        case .claimed(let claimed): job = claimed
        }
        defer { release(job.id, on: connection) }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            // A deadlock or serialization failure is retried at once (everything is rolled back in between).
            let done = try connection.transaction(maxAttempts: 3) { conn -> Bool in
                // This worker holds the job's session lock, but the row may be locked for a moment by
                // another worker reading its candidates (FOR UPDATE SKIP LOCKED), by an enqueue, or
                // by a worker of an older rekap that takes no session lock: wait for it (not SKIP
                // LOCKED, which would drop a job whose attempt is already counted), then claim it
                // only if it is still pending.
                guard try conn.query(
                    """
                    UPDATE consolidation_job SET status = 'running'
                    WHERE id = (SELECT id FROM consolidation_job WHERE id = \(job.id) AND status = 'pending'
                                FOR UPDATE)
                    RETURNING id
                    """
                ).first != nil else { return false }
                logger.debug("claimed", metadata: metadata(id: job.id, job.target, ["reason": "\(job.reason)", "attempt": "\(job.attempts)"]))
                // If this worker dies while the server is still busy (or waiting on a lock), the server
                // notices the closed socket within a second and rolls back, releasing the job at once.
                _ = try conn.query("SELECT set_config('client_connection_check_interval', '1000', true)")
                try Consolidator.recompute(city: job.target.city, year: job.target.year, on: conn)
                _ = try conn.query(
                    """
                    WITH done AS (
                        UPDATE consolidation_job
                        SET status = 'done', finished_at = clock_timestamp(), last_error = NULL
                        WHERE id = \(job.id)
                        RETURNING id, city_code, year)
                    SELECT pg_notify(\(Self.consolidatedChannel),
                                     jsonb_build_object('city', city_code, 'year', year, 'job_id', id)::text)
                    FROM done
                    """)
                return true
            }
            guard done else { return nil }
            let processed = ProcessedJob(
                id: job.id, target: job.target, reason: job.reason, attempts: job.attempts,
                requestedAt: job.requestedAt, duration: clock.now - start)
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
            guard Self.isJobFailure(error) else {
                if Self.isCancellation(error) { takeBackAttempt(of: job, on: connection) }
                throw error
            }
            throw recordFailure(of: job, error, on: connection)
        }
    }

    /// A recompute cancelled on purpose (shutdown, a caller that stopped waiting) was not the job's
    /// fault: its attempt is taken back. (A worker that dies cannot do this: its attempt stays.)
    private func takeBackAttempt(of job: Claimed, on connection: PGConnection) {
        do {
            try connection.executeEvenIfCancelled(
                "UPDATE consolidation_job SET attempts = attempts - 1 WHERE id = \(job.id) AND status = 'pending' AND attempts > 0")
        } catch {
            logger.warning("could not take back a cancelled attempt", metadata: metadata(id: job.id, job.target, ["error": "\(error)"]))
        }
    }

    static func isCancellation(_ error: any Error) -> Bool {
        error is CancellationError || (error as? PGError)?.kind == .cancelled
    }

    /// Counts an attempt on the first free candidate, in its own committed transaction, before the
    /// recompute begins: a recompute that kills its worker rolls back everything it did, but not
    /// this. The job's session lock (``AdvisoryLock/consolidationJob``) is taken in the same
    /// transaction and kept until ``release(_:on:)``, so no other worker counts or runs it meanwhile.
    ///
    /// A job whose attempts have already run out was tried that many times without an outcome being
    /// recorded (its workers died mid-recompute): it is marked `failed` now instead of run again.
    private func startAttempt(candidates: PGQuery, on connection: PGConnection) throws -> Start {
        var locked: Int64?
        let start: Start
        do {
            start = try connection.transaction { conn -> Start in
                for row in try conn.query(candidates) {
                    let id = try row.decode(Int64.self, column: "id")
                    guard try conn.queryValue(Bool.self, AdvisoryLock.consolidationJob.tryLockForSession(String(id))) == true else {
                        continue  // another worker is between counting its attempt and claiming it
                    }
                    // Read again under the lock: the candidates were read before it, and another
                    // worker may have finished this job and let go of its lock since (counting an
                    // attempt on a done job would make it look retried).
                    guard let job = try conn.query(
                        """
                        SELECT city_code, year, reason, attempts, requested_at, last_error, worker_id
                        FROM consolidation_job WHERE id = \(id) AND status = 'pending'
                        """).first
                    else {
                        release(id, on: conn)
                        continue
                    }
                    locked = id
                    let attempts = try job.decode(Int.self, column: "attempts")
                    let target = try Self.cityYear(job.decode(String.self, column: "city_code"), job.decode(Int.self, column: "year"))
                    if retryPolicy.givesUp(afterFailures: attempts) {
                        let failure = try giveUp(
                            id: id, target: target, attempts: attempts, lastWorker: try job.decode(String?.self, column: "worker_id"),
                            lastError: try job.decode(String?.self, column: "last_error"), on: conn)
                        return .gaveUp(failure)
                    }
                    try conn.execute(
                        """
                        UPDATE consolidation_job
                        SET attempts = attempts + 1, started_at = clock_timestamp(), worker_id = \(workerID)
                        WHERE id = \(id)
                        """)
                    return .claimed(
                        Claimed(
                            id: id, target: target, reason: try job.decode(String.self, column: "reason"), attempts: attempts + 1,
                            requestedAt: try job.decode(Date.self, column: "requested_at")))
                }
                return .nothing
            }
        } catch {
            if let locked { release(locked, on: connection) }
            throw error
        }
        if case .gaveUp(let failure) = start { release(failure.jobID, on: connection) }
        return start
    }

    /// Marks a job whose attempts ran out before it could record an outcome as `failed`.
    private func giveUp(
        id: Int64, target: CityYear, attempts: Int, lastWorker: String?, lastError: String?, on conn: PGConnection
    ) throws -> ConsolidationJobFailed {
        var message = "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s") without an outcome: "
            + "the worker stopped during the recompute (killed, out of memory, or its connection lost)"
        if let lastWorker { message += "; last tried by \(lastWorker)" }
        if let lastError { message += "; the last recorded error: \(lastError)" }
        message = String(message.prefix(2000))
        try conn.execute(
            """
            UPDATE consolidation_job SET status = 'failed', last_error = \(message), worker_id = \(workerID)
            WHERE id = \(id)
            """)
        logger.error(
            "recompute never finished; giving up",
            metadata: metadata(id: id, target, ["attempts": "\(attempts)", "error": "\(message)"]))
        return ConsolidationJobFailed(jobID: id, target: target, attempts: attempts, gaveUp: true, retryAfter: nil, message: message)
    }

    /// Releases the job's session lock (also when the task was cancelled). When that cannot be done
    /// (the connection broke, a late cancel request), the connection is closed: the lock goes with
    /// the session, and a pool discards a closed connection instead of lending it out still holding it.
    private func release(_ id: Int64, on connection: PGConnection) {
        do {
            try connection.executeEvenIfCancelled(AdvisoryLock.consolidationJob.unlock(String(id)))
        } catch {
            connection.close()
        }
    }

    /// Cancellation (shutdown) and a lost connection are not the job's fault: it stays pending (a
    /// cancelled attempt is taken back; one whose connection was lost stays counted: a job that keeps
    /// losing its worker gives up).
    static func isJobFailure(_ error: any Error) -> Bool {
        if error is CancellationError { return false }
        if let pg = error as? PGError, pg.kind == .cancelled || pg.kind == .connection || pg.kind == .poolClosed {
            return false
        }
        return true
    }

    /// Records a failed attempt (after the recompute's rollback; the attempt itself was counted when
    /// it began) and returns the error to throw.
    private func recordFailure(of job: Claimed, _ error: any Error, on connection: PGConnection) -> any Error {
        let failures = job.attempts
        let gaveUp = retryPolicy.givesUp(afterFailures: failures)
        let delay = retryPolicy.delay(afterFailures: failures)
        // Bounded, so a huge error text cannot bloat the row or the logs.
        let message = String(String(describing: error).prefix(2000))
        let failure = ConsolidationJobFailed(
            jobID: job.id, target: job.target, attempts: failures, gaveUp: gaveUp, retryAfter: gaveUp ? nil : delay,
            message: message)
        do {
            // This worker still holds the job's session lock: nobody else has claimed it since.
            try connection.execute(
                """
                UPDATE consolidation_job
                SET last_error = \(message), worker_id = \(workerID),
                    status = CASE WHEN \(gaveUp) THEN 'failed' ELSE 'pending' END,
                    not_before = clock_timestamp() + \(Self.milliseconds(delay)) * interval '1 millisecond'
                WHERE id = \(job.id) AND status = 'pending'
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
