import Logging
import PostgresLibPQ
import RekapServer
import RekapStore
import ServiceLifecycle

/// Keeps city aggregates fresh: listens for new submissions and PBB loads, queues a consolidation job
/// for each city and year they touch, and works the queue until it is empty.
///
/// - At startup it queues a job for every city and year whose aggregates are stale (submissions and
///   loads stored while no daemon listened; see ``Staleness/staleTargets(on:)``), then works off the
///   jobs pending (those, and any left by a stopped or killed daemon or by a `rekap consolidate` that
///   gave up waiting). It looks for stale aggregates again each time it listens again after losing
///   its connection (notifications sent meanwhile are lost), and at each ``Settings/pollInterval``.
/// - A burst of notifications is gathered for ``Settings/debounce`` after the first one, then queued
///   as one job per city and year (the queue folds them into a pending job too).
/// - Failed recomputes are retried after their backoff; the service wakes up for them by itself.
/// - On graceful shutdown it finishes the job in hand and returns. If that takes longer than the
///   service group allows, the group cancels it: the recompute's transaction rolls back and the job
///   stays pending for the next daemon.
struct ConsolidationService: Service, CustomStringConvertible {
    struct Settings: Sendable {
        /// How long to gather a burst of notifications before queueing it.
        var debounce: Duration = .milliseconds(250)
        /// How often to look at the queue with no notification (jobs queued without one, missed retries),
        /// and for stale aggregates no notification named.
        var pollInterval: Duration = .seconds(60)
        /// The longest wait between attempts to reach the database after it failed.
        var maximumReconnectDelay: Duration = .seconds(30)
    }

    let client: PGClient
    let queue: ConsolidationQueue
    let settings: Settings
    let logger: Logger
    /// What notifications and the HTTP API (a job queued without waiting) hand to the worker.
    let pending: PendingTargets
    /// Where recompute durations go (`GET /metrics`), when rekapd serves the API.
    let metrics: ServerMetrics?

    init(client: PGClient, queue: ConsolidationQueue, settings: Settings, logger: Logger,
         pending: PendingTargets = PendingTargets(), metrics: ServerMetrics? = nil) {
        self.client = client
        self.queue = queue
        self.settings = settings
        self.logger = logger
        self.pending = pending
        self.metrics = metrics
    }

    /// How service-lifecycle names it in logs.
    var description: String { "ConsolidationService" }

    func run() async throws {
        // LISTEN before the first drain: whatever is committed after this point is either in the
        // queue already or announced to us.
        guard let notifications = await listen(pending: pending) else { return }
        logger.info("listening", metadata: ["channels": "\(ConsolidationTrigger.channels.joined(separator: ","))"])
        await withTaskCancellationOrGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await receive(notifications, into: pending) }
                await work(pending)
                group.cancelAll()
            }
        } onCancelOrGracefulShutdown: {
            Task { await pending.close() }
        }
        logger.info("stopped")
    }

    // MARK: Listening

    /// Opens the listening connection, retrying with backoff; nil when shut down first.
    private func listen(pending: PendingTargets) async -> PGNotificationSequence? {
        var delay = Duration.seconds(1)
        while !Task.isCancelled, !Task.isShuttingDownGracefully, await !pending.isClosed {
            do {
                return try await client.notifications(channels: ConsolidationTrigger.channels)
            } catch {
                logger.error("cannot listen for notifications; retrying", metadata: ["error": "\(error)", "retry_in_ms": "\(delay.milliseconds)"])
                await sleepUnlessShuttingDown(delay)
                delay = min(delay * 2, settings.maximumReconnectDelay)
            }
        }
        return nil
    }

    /// Moves notifications into `pending` as they arrive, reconnecting when the connection is lost.
    private func receive(_ first: PGNotificationSequence, into pending: PendingTargets) async {
        var notifications: PGNotificationSequence? = first
        while let current = notifications {
            do {
                for try await notification in current {
                    await accept(notification, into: pending)
                }
                return  // stopped: the client is closing
            } catch {
                if Task.isCancelled { return }
                logger.error("lost the listening connection; reconnecting", metadata: ["error": "\(error)"])
            }
            notifications = await listen(pending: pending)
            if notifications != nil {
                // Notifications sent while disconnected are lost, and what they announced may have no
                // job (a submission committed after the server came back, before this LISTEN): look
                // for stale aggregates as at startup.
                logger.warning("listening again; notifications sent while disconnected were missed: looking for stale aggregates")
                await pending.requestStaleCheck()
            }
        }
    }

    private func accept(_ notification: PGNotification, into pending: PendingTargets) async {
        do {
            let (targets, reason) = try ConsolidationTrigger.targets(of: notification)
            let dropped = await pending.add(targets, reason: reason)
            logger.debug(
                "notified", metadata: ["channel": "\(notification.channel)", "targets": "\(targets.count)", "reason": "\(reason)"])
            if dropped > 0 {
                logger.error(
                    "too many distinct cities and years pending; some notifications were dropped",
                    metadata: ["dropped": "\(dropped)", "limit": "\(pending.limit)"])
            }
        } catch {
            logger.warning("\(error)", metadata: ["payload": "\(notification.payload.prefix(200))"])
        }
    }

    // MARK: Working

    /// What a round of work left: how long until the queue needs looking at again, or a database failure.
    private enum Outcome {
        case idle(wakeAfter: Duration)
        case databaseFailed(any Error)
    }

    private func work(_ pending: PendingTargets) async {
        // Database failures back off like failing jobs do: 1 s, 2 s, 4 s... up to the maximum.
        let backoff = RetryPolicy(maximumAttempts: .max, firstDelay: .seconds(1), maximumDelay: settings.maximumReconnectDelay)
        var failures = 0
        let clock = ContinuousClock()
        // Looking for stale aggregates: at startup, after listening again, at each poll interval; a
        // look that failed is due again after the database backoff.
        var staleCheck = (due: true, reason: "stale at startup", last: clock.now)
        var outcome = Outcome.idle(wakeAfter: .zero)
        var first = true
        while !Task.isCancelled, !Task.isShuttingDownGracefully, await !pending.isClosed {
            if !first {
                let nextWake: Duration
                switch outcome {
                case .idle(let wakeAfter):
                    failures = 0
                    nextWake = wakeAfter
                case .databaseFailed(let error):
                    failures += 1
                    nextWake = backoff.delay(afterFailures: failures)
                    logger.error(
                        "cannot work the queue; will retry", metadata: ["error": "\(error)", "retry_in_ms": "\(nextWake.milliseconds)"])
                }
                await pending.wait(atMost: nextWake)
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                if await !pending.isEmpty {
                    // Let the rest of a burst arrive, so it becomes one job per city and year.
                    await sleepUnlessShuttingDown(settings.debounce)
                }
            }
            if await pending.takeStaleCheckRequest() {
                staleCheck = (true, "stale after reconnecting", staleCheck.last)
            } else if !staleCheck.due, clock.now - staleCheck.last >= settings.pollInterval {
                // Also at each poll: aggregates a notification did not name (a load for another
                // city, a changed setting) do not stay stale for long.
                staleCheck = (true, "stale at poll", staleCheck.last)
            }
            if staleCheck.due {
                staleCheck.last = clock.now
                if let error = await queueStaleTargets(reason: staleCheck.reason, back: pending) {
                    first = false
                    outcome = .databaseFailed(error)
                    continue
                }
                staleCheck.due = false
            }
            if let error = await enqueue(pending.take(), back: pending) {
                first = false
                outcome = .databaseFailed(error)
                continue
            }
            outcome = await drain(reason: first ? "startup" : "notified")
            first = false
        }
    }

    /// Queues every city and year whose aggregates went stale while no daemon listened (or while
    /// this one did not), with `reason`. Returns the error when the database could not say which (the
    /// caller asks again after its backoff); targets it could not queue are put back into `pending`.
    private func queueStaleTargets(reason: String, back pending: PendingTargets) async -> (any Error)? {
        let targets: [CityYear]
        do {
            targets = try await client.withConnection { conn in try Staleness.staleTargets(on: conn) }
        } catch {
            logger.error("cannot look for stale aggregates; will retry", metadata: ["error": "\(error)"])
            return error
        }
        logger.debug("looked for stale aggregates", metadata: ["reason": "\(reason)", "targets": "\(targets.count)"])
        if !targets.isEmpty {
            logger.info("aggregates \(reason)", metadata: ["targets": "\(targets.count)"])
            _ = await enqueue(targets.map { ($0, PendingTargets.Request(reason: reason, more: 0)) }, back: pending)
        }
        return nil
    }

    /// Queues the gathered targets. On a database failure the rest are put back and the error returned.
    private func enqueue(_ requests: [(CityYear, PendingTargets.Request)], back pending: PendingTargets) async -> (any Error)? {
        for (index, (target, request)) in requests.enumerated() {
            do {
                // The queue logs what it queued or folded into a pending job.
                try await client.withConnection { conn in
                    try queue.enqueue(target, reason: request.summary, on: conn)
                }
            } catch let error as PGError where error.sqlState == .foreignKeyViolation {
                logger.warning(
                    "not queued: the city is not in the region registry",
                    metadata: ["city": "\(target.city)", "year": "\(target.year)", "reason": "\(request.summary)"])
            } catch {
                for (target, request) in requests[index...] {
                    await pending.add([target], reason: request.summary)
                }
                return error
            }
        }
        return nil
    }

    /// Runs due jobs until none is left (or shutdown), then says when to look again.
    private func drain(reason: String) async -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        var processed = 0
        var failed = 0
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let jobStart = clock.now
            do {
                guard let job = try await client.withConnection({ conn in try queue.runNext(on: conn) }) else { break }
                metrics?.recomputed(duration: job.duration, outcome: "done")
                processed += 1
            } catch is ConsolidationJobFailed {
                metrics?.recomputed(duration: clock.now - jobStart, outcome: "failed")
                failed += 1  // logged and recorded by the queue; its backoff keeps it out of the way
            } catch {
                if Task.isCancelled {
                    logger.warning("stopped in the middle of a job; it was rolled back and stays queued")
                    return .idle(wakeAfter: .zero)
                }
                return .databaseFailed(error)
            }
        }
        if processed + failed > 0 {
            logger.debug(
                "queue drained",
                metadata: [
                    "trigger": "\(reason)", "processed": "\(processed)", "failed": "\(failed)",
                    "duration_ms": "\((clock.now - start).milliseconds)",
                ])
        }
        do {
            let due = try await client.withConnection { conn in try queue.timeUntilNextDueJob(on: conn) }
            guard let due else { return .idle(wakeAfter: settings.pollInterval) }
            // Not sooner than 10 ms: a due job nobody could claim must not turn this into a busy loop.
            return .idle(wakeAfter: min(max(due, .milliseconds(10)), settings.pollInterval))
        } catch {
            return .databaseFailed(error)
        }
    }

    /// Sleeps, waking early on shutdown or cancellation.
    private func sleepUnlessShuttingDown(_ duration: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: duration) }
            group.addTask { try? await gracefulShutdown() }
            await group.next()
            group.cancelAll()
        }
    }
}

extension Duration {
    /// Whole milliseconds, for logs.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
