import PostgresLibPQ

/// What ``ConsolidationQueue/consolidateAndWait(_:reason:using:)`` saw happen.
public struct WaitedConsolidation: Sendable, Hashable {
    /// The job that did the work.
    public let jobID: Int64
    /// True when this process recomputed; false when another worker (a `rekapd`) did.
    public let ranHere: Bool
    /// The worker that did it.
    public let workerID: String?
}

/// The job was given up on (its attempts ran out) while this process waited for another worker.
public struct ConsolidationGaveUp: Error, Sendable, CustomStringConvertible {
    public let jobID: Int64
    public let target: CityYear
    public let attempts: Int
    public let lastError: String?

    public var description: String {
        "consolidation job \(jobID) (\(target)) failed after \(attempts) attempt\(attempts == 1 ? "" : "s")"
            + (lastError.map { ": \($0)" } ?? "")
    }
}

extension ConsolidationQueue {
    /// Queues `target` and returns once its job is done, whoever does it (`rekap consolidate`).
    ///
    /// With no daemon running, this process does the work. With one running, either may: this process
    /// tries to claim the job itself, and if a daemon already holds it (`SKIP LOCKED` skips it) waits
    /// for its `rekap_consolidated` notification, looking again every second in case that daemon
    /// died or failed (its job is then free to take).
    ///
    /// Cancelling the task stops waiting; if this process was recomputing, the recompute is rolled
    /// back and the job stays queued for a daemon.
    ///
    /// - Throws: ``ConsolidationJobFailed`` when the recompute failed here, ``ConsolidationGaveUp``
    ///   when the job was given up on elsewhere, `PGError` (foreign key violation) for a city that is
    ///   not in the region registry, other `PGError`s when the database fails.
    public func consolidateAndWait(_ target: CityYear, reason: String, using client: PGClient) async throws -> WaitedConsolidation {
        // LISTEN first: the job cannot be announced before it is queued, so no announcement is missed.
        let notifications = try await client.notifications(channels: [Self.consolidatedChannel])
        defer { notifications.stop() }
        // May wait for a recompute of the same city already running elsewhere (see enqueue).
        let job = try await client.withConnection { conn in try enqueue(target, reason: reason, on: conn) }
        let announcements = JobAnnouncements(jobID: job.id)

        return try await withThrowingTaskGroup(of: WaitedConsolidation?.self) { group in
            group.addTask {
                for try await notification in notifications where announcements.matches(notification) {
                    await announcements.announce()
                }
                return nil
            }
            group.addTask {
                while true {
                    if let processed = try await client.withConnection({ conn in try run(job: job.id, on: conn) }) {
                        return WaitedConsolidation(jobID: processed.id, ranHere: true, workerID: workerID)
                    }
                    guard let state = try await client.withConnection({ conn in try self.job(job.id, on: conn) }) else {
                        throw PGError(kind: .server, message: "consolidation job \(job.id) disappeared from the queue")
                    }
                    switch state.status {
                    case .done:
                        return WaitedConsolidation(jobID: job.id, ranHere: false, workerID: state.workerID)
                    case .failed:
                        throw ConsolidationGaveUp(
                            jobID: job.id, target: target, attempts: state.attempts, lastError: state.lastError)
                    case .pending:
                        // Held by another worker: wait for its announcement, or look again in a second.
                        await announcements.wait(atMost: .seconds(1))
                    }
                }
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw PGError(kind: .connection, message: "stopped listening for rekap_consolidated")
        }
    }
}

/// Whether a job's `rekap_consolidated` notification has arrived, for a waiter that also polls.
private actor JobAnnouncements {
    nonisolated let jobID: Int64
    private var announced = false
    private var waiter: CheckedContinuation<Void, Never>?

    init(jobID: Int64) { self.jobID = jobID }

    nonisolated func matches(_ notification: PGNotification) -> Bool {
        ConsolidationNotification.jobID(notification.payload) == jobID
    }

    func announce() {
        announced = true
        waiter?.resume()
        waiter = nil
    }

    /// Returns on the announcement (at once if it came already), after `timeout`, or on cancellation.
    func wait(atMost timeout: Duration) async {
        if announced { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.timeUp()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled || announced {
                    continuation.resume()
                } else {
                    waiter = continuation
                }
            }
        } onCancel: {
            Task { await self.timeUp() }
        }
        timer.cancel()
    }

    private func timeUp() {
        waiter?.resume()
        waiter = nil
    }
}
