import Foundation
import Logging
import PostgresLibPQ
import RekapStore
import RekapTestSupport
import Testing

/// The queue in-process, against a real PostgreSQL: coalescing, exclusive claims, failures.
@Suite(.timeLimit(.minutes(10))) struct ConsolidationQueueTests {
    let queue = ConsolidationQueue(workerID: "queue-test", logger: quietLogger)

    @Test func tenRequestsForOneCityAndYearMakeOnePendingJob() async throws {
        try await withConsolidationDatabase { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            var jobs: [EnqueuedJob] = []
            for i in 1...10 {
                jobs.append(try queue.enqueue(dumai2023, reason: "submission \(i)", on: conn))
            }
            #expect(Set(jobs.map(\.id)).count == 1)
            #expect(jobs.map(\.coalesced) == [false] + Array(repeating: true, count: 9))
            let rows = try JobRow.all(on: conn)
            #expect(rows.map(\.status) == ["pending"])

            // Another year is another job.
            let other = try queue.enqueue(try CityYear(city: "14.72", year: 2024), reason: "pbb load", on: conn)
            #expect(!other.coalesced && other.id != jobs[0].id)

            // Once done, a new request queues a new job; the done one stays as history.
            let processed = try #require(try queue.runNext(on: conn))
            #expect(processed.id == jobs[0].id && processed.target == dumai2023 && processed.attempts == 1)
            #expect(processed.reason == "submission 1")
            let again = try queue.enqueue(dumai2023, reason: "submission 11", on: conn)
            #expect(!again.coalesced && again.id != jobs[0].id)
            #expect(try JobRow.find(jobs[0].id, on: conn)?.status == "done")
            #expect(try RecomputeProbe.count(on: conn) == 1)
        }
    }

    @Test func runsOldestFirstAndAnnouncesEachJobOnCommit() async throws {
        try await withConsolidationDatabase { configuration in
            let client = PGClient(configuration: configuration)
            let recorder = try await NotificationRecorder.start(client, channels: [ConsolidationQueue.consolidatedChannel])
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            let first = try queue.enqueue(try CityYear(city: "14.72", year: 2024), reason: "first", on: conn)
            let second = try queue.enqueue(dumai2023, reason: "second", on: conn)

            #expect(try queue.runNext(on: conn)?.id == first.id)
            #expect(try queue.runNext(on: conn)?.id == second.id)
            #expect(try queue.runNext(on: conn) == nil)

            let note = try await recorder.consolidated(job: second.id)
            #expect(note.payload == #"{"city": "14.72", "year": 2023, "job_id": \#(second.id)}"#)
            _ = try await recorder.consolidated(job: first.id)
            let done = try JobRow.all(on: conn)
            #expect(done.map(\.status) == ["done", "done"])
            #expect(done.allSatisfy { $0.workerID == "queue-test" && $0.attempts == 1 })
            await recorder.stop()
            await client.close()
        }
    }

    @Test func twoWorkersNeverRecomputeTheSameJob() async throws {
        try await withConsolidationDatabase { configuration in
            let setup = try PGConnection(configuration: configuration)
            defer { setup.close() }
            var queued: Set<Int64> = []
            for year in 2001...2030 {
                queued.insert(try queue.enqueue(try CityYear(city: "14.72", year: year), reason: "burst", on: setup).id)
            }
            // Each recompute takes a while, so the two workers are busy at the same time.
            try RecomputeProbe.delay(milliseconds: 20, on: setup)

            // PGClient keeps each connection on its own thread: blocking libpq calls never tie up the
            // (two-thread) cooperative pool the rest of the tests run on.
            let client = PGClient(configuration: configuration)
            let workers = (1...2).map { n in
                Task { () throws -> [Int64] in
                    let worker = ConsolidationQueue(workerID: "worker \(n)", logger: quietLogger)
                    var mine: [Int64] = []
                    while let job = try await client.withConnection({ conn in try worker.runNext(on: conn) }) {
                        mine.append(job.id)
                    }
                    return mine
                }
            }
            var processed: [Int64] = []
            for worker in workers { processed += try await worker.value }

            #expect(processed.count == queued.count, "a job was processed twice or not at all")
            #expect(Set(processed) == queued)
            #expect(try RecomputeProbe.count(on: setup) == queued.count)
            let rows = try JobRow.all(on: setup)
            #expect(rows.allSatisfy { $0.status == "done" && $0.attempts == 1 }, "\(rows.filter { $0.status != "done" || $0.attempts != 1 })")
            await client.close()
        }
    }

    @Test func aRequestDuringARecomputeQueuesAFreshJob() async throws {
        try await withConsolidationDatabase { configuration in
            let holder = try PGConnection(configuration: configuration)
            defer { holder.close() }
            // pg_stat_activity is a snapshot per transaction: watch from outside the holder's.
            let monitor = try PGConnection(configuration: configuration)
            defer { monitor.close() }
            let first = try queue.enqueue(dumai2023, reason: "before", on: holder)

            // The recompute blocks on the aggregates table the test holds.
            try holder.execute("BEGIN")
            try holder.execute("LOCK TABLE agg_run IN ACCESS EXCLUSIVE MODE")
            let client = PGClient(configuration: configuration)
            let worker = Task { () throws -> ProcessedJob? in
                try await client.withConnection { conn in
                    try ConsolidationQueue(workerID: "worker", logger: quietLogger).runNext(on: conn)
                }
            }
            try await waitUntil("the worker to block in its recompute") { try lockWaiters(on: monitor) == 1 }

            // A request now may carry data the running recompute does not see: it must not be folded
            // into that job. It waits for the recompute's transaction, then queues a new job.
            let request = Task { () throws -> EnqueuedJob in
                try await client.withConnection { conn in
                    try ConsolidationQueue(workerID: "requester", logger: quietLogger).enqueue(dumai2023, reason: "during", on: conn)
                }
            }
            try await waitUntil("the request to wait for the recompute") { try lockWaiters(on: monitor) == 2 }
            try holder.execute("COMMIT")

            #expect(try await worker.value?.id == first.id)
            let second = try await request.value
            #expect(!second.coalesced && second.id != first.id)
            #expect(try JobRow.all(on: holder).map(\.status) == ["done", "pending"])
            await client.close()
        }
    }

    @Test func aFailedRecomputeIsRolledBackRecordedAndRetriedUntilItGivesUp() async throws {
        try await withConsolidationDatabase { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            let queue = ConsolidationQueue(
                workerID: "failing", retryPolicy: RetryPolicy(maximumAttempts: 2, firstDelay: .seconds(3600)), logger: quietLogger)
            _ = try queue.enqueue(dumai2023, reason: "first", on: conn)
            #expect(try queue.runNext(on: conn) != nil)
            let before = try RecomputeProbe.snapshot(dumai2023, on: conn)
            let job = try queue.enqueue(dumai2023, reason: "second", on: conn)
            try RecomputeProbe.fail(with: "the aggregates are broken", on: conn)

            let failure = try #require(throws: ConsolidationJobFailed.self) { try queue.runNext(on: conn) }
            #expect(failure.jobID == job.id && failure.attempts == 1 && !failure.gaveUp)
            #expect(failure.retryAfter == .seconds(3600))
            #expect(failure.message.contains("the aggregates are broken"))
            #expect(try RecomputeProbe.snapshot(dumai2023, on: conn) == before)
            let pending = try #require(try JobRow.find(job.id, on: conn))
            #expect(pending.status == "pending" && pending.attempts == 1)
            #expect(pending.lastError?.contains("the aggregates are broken") == true)

            // Backing off: not due, so runNext leaves it alone and says how long to wait.
            #expect(try queue.runNext(on: conn) == nil)
            let wait = try #require(try queue.timeUntilNextDueJob(on: conn))
            #expect(wait > .seconds(3500))

            // Asked for by id (rekap consolidate), it runs at once; the second failure uses it up.
            let last = try #require(throws: ConsolidationJobFailed.self) { try queue.run(job: job.id, on: conn) }
            #expect(last.attempts == 2 && last.gaveUp)
            #expect(try queue.job(job.id, on: conn)?.status == .failed)
            #expect(try queue.timeUntilNextDueJob(on: conn) == nil)

            // A failed job does not block new requests.
            try RecomputeProbe.fail(with: nil, on: conn)
            let retry = try queue.enqueue(dumai2023, reason: "after the fix", on: conn)
            #expect(!retry.coalesced)
            let done = try #require(try queue.runNext(on: conn))
            #expect(done.id == retry.id)
            #expect(try RecomputeProbe.snapshot(dumai2023, on: conn) != before)
        }
    }

    /// Item 12: a recompute whose worker dies (its session ends mid-recompute) rolls back everything
    /// it did, but its attempt stays counted; once the attempts run out the job is marked failed with
    /// why, and nothing retries it (neither the stale-target check nor a ranking) until new data arrives.
    @Test(.timeLimit(.minutes(3)))
    func aJobThatKeepsKillingItsWorkerIsMarkedFailedAfterItsAttempts() async throws {
        try await withConsolidationDatabase { configuration in
            let monitor = try PGConnection(configuration: configuration)
            defer { monitor.close() }
            let queue = ConsolidationQueue(workerID: "doomed", retryPolicy: RetryPolicy(maximumAttempts: 3), logger: quietLogger)
            _ = try queue.enqueue(dumai2023, reason: "first", on: monitor)
            _ = try #require(try queue.runNext(on: monitor))
            let client = PGClient(configuration: configuration)
            let document = #"{"format":"rekap.submission/v1","region":"14.72.02","year":2023,"period":"FY"}"#
            _ = try await SubmissionStore(client: client).submit(bytes: Array(document.utf8))
            let previous = try RecomputeProbe.snapshot(dumai2023, on: monitor)
            let recomputes = try RecomputeProbe.count(on: monitor)
            let job = try queue.enqueue(dumai2023, reason: "submission", on: monitor)

            let holder = try PGConnection(configuration: configuration)
            defer { holder.close() }
            for round in 1...3 {
                // The recompute blocks on the aggregates table the test holds; then its session is
                // terminated, as when the worker is killed (or killed by what it computes).
                try holder.execute("BEGIN")
                try holder.execute("LOCK TABLE agg_run IN ACCESS EXCLUSIVE MODE")
                let worker = Task {
                    try await onOwnThread { () throws -> ProcessedJob? in
                        let conn = try PGConnection(configuration: configuration)
                        defer { conn.close() }
                        return try queue.runNext(on: conn)
                    }
                }
                try await waitUntil("the worker to block in its recompute (round \(round))") { try lockWaiters(on: monitor) == 1 }
                try monitor.execute(
                    """
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'
                    """)
                let died = await worker.result
                #expect(throws: PGError.self) { try died.get() }
                try holder.execute("ROLLBACK")
                let row = try #require(try JobRow.find(job.id, on: monitor))
                #expect(row.status == "pending" && row.attempts == round, "round \(round): \(row)")
            }

            // The next claim finds its attempts used up: failed, with why, instead of a fourth death.
            let failure = try #require(throws: ConsolidationJobFailed.self) { try queue.runNext(on: monitor) }
            #expect(failure.jobID == job.id && failure.gaveUp && failure.attempts == 3)
            let failed = try #require(try JobRow.find(job.id, on: monitor))
            #expect(failed.status == "failed")
            #expect(failed.lastError?.contains("the worker stopped during the recompute") == true, "\(failed)")
            #expect(try RecomputeProbe.snapshot(dumai2023, on: monitor) == previous)
            #expect(try RecomputeProbe.count(on: monitor) == recomputes)
            #expect(try queue.runNext(on: monitor) == nil)

            // Not retried by itself while nothing new arrived...
            #expect(try !Staleness.staleTargets(on: monitor).contains(dumai2023))
            #expect(try ConsolidationQueue.givenUp(dumai2023, on: monitor)?.jobID == job.id)
            #expect(throws: ConsolidationGaveUp.self) {
                try AggregateFreshness.decide(city: dumai2023.city, year: 2023, fresh: true, on: monitor)
            }
            guard case .stale = try AggregateFreshness.decide(city: dumai2023.city, year: 2023, fresh: false, on: monitor) else {
                Issue.record("the stale aggregates should still be readable")
                return
            }
            // ...until new data does.
            let revised = #"{"format":"rekap.submission/v1","region":"14.72.02","year":2023,"period":"Q1"}"#
            _ = try await SubmissionStore(client: client).submit(bytes: Array(revised.utf8))
            #expect(try Staleness.staleTargets(on: monitor).contains(dumai2023))
            #expect(try ConsolidationQueue.givenUp(dumai2023, on: monitor) == nil)
            let retry = try queue.enqueue(dumai2023, reason: "new data", on: monitor)
            #expect(try queue.runNext(on: monitor)?.id == retry.id)
            await client.close()
        }
    }

    /// What `/healthz` and `/metrics` report: pending jobs and their lag, and aggregates older than
    /// their data (never computed with submissions, a submission or a load not seen), with how long.
    @Test func theSnapshotCountsStaleAggregatesAndSinceWhen() async throws {
        try await withConsolidationDatabase { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            let empty = try ConsolidationSnapshot.read(on: conn)
            #expect(empty.pendingJobs == 0 && empty.staleAggregates == 0 && empty.lagSeconds == 0)

            // A submission stored ten minutes ago, never consolidated: stale since then.
            let client = PGClient(configuration: configuration)
            let document = #"{"format":"rekap.submission/v1","region":"14.72.02","year":2023,"period":"FY"}"#
            _ = try await SubmissionStore(client: client).submit(bytes: Array(document.utf8))
            await client.close()
            try conn.execute("UPDATE submission SET submitted_at = now() - interval '10 minutes'")
            let never = try ConsolidationSnapshot.read(on: conn)
            #expect(never.staleAggregates == 1 && never.pendingJobs == 0)
            #expect(never.staleLagSeconds >= 600 && never.staleLagSeconds < 700, "\(never)")
            #expect(never.isLagging(beyond: .seconds(300)) && !never.isLagging(beyond: .seconds(900)))

            // Queued an hour ago: the queue lags; once recomputed, nothing is stale or pending.
            let job = try queue.enqueue(dumai2023, reason: "test", on: conn)
            try conn.execute("UPDATE consolidation_job SET requested_at = now() - interval '1 hour' WHERE id = \(job.id)")
            let queued = try ConsolidationSnapshot.read(on: conn)
            #expect(queued.pendingJobs == 1 && queued.queueLagSeconds >= 3600 && queued.lagSeconds == queued.queueLagSeconds)
            _ = try #require(try queue.runNext(on: conn))
            let fresh = try ConsolidationSnapshot.read(on: conn)
            #expect(fresh.pendingJobs == 0 && fresh.staleAggregates == 0 && fresh.lagSeconds == 0, "\(fresh)")

            // A PBB-P2 load after the recompute makes the city stale from the load on.
            _ = try PBBFeedLoader().load([PBBFeed(kind: .pembayaran, name: "p.csv") {
                MemorySource("nop,tahun,tanggal,pokok,denda\n147200200100100010,2023,2023-05-01,70000,0\n")
            }], on: conn)
            let loaded = try ConsolidationSnapshot.read(on: conn)
            #expect(loaded.staleAggregates == 1 && loaded.staleLagSeconds < 60, "\(loaded)")
        }
    }

    @Test func anUnknownCityIsRefused() async throws {
        try await withConsolidationDatabase { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            let error = try #require(throws: PGError.self) {
                try queue.enqueue(try CityYear(city: "14.71", year: 2023), reason: "typo", on: conn)
            }
            #expect(error.sqlState == .foreignKeyViolation)
            #expect(try JobRow.all(on: conn).isEmpty)
        }
    }
}

/// Queue logs in tests: only what is worse than the failures the tests cause on purpose.
let quietLogger: Logger = {
    var logger = Logger(label: "rekap.consolidation.test")
    logger.logLevel = .critical
    return logger
}()

/// Sessions of the current database waiting for a lock (call outside a transaction: the view is a
/// snapshot per transaction).
func lockWaiters(on conn: PGConnection) throws -> Int {
    try conn.queryValue(
        Int.self,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") ?? 0
}
