import RekapStore

/// The cities and years named by notifications since the worker last looked, each once: how a burst of
/// notifications becomes one job per city and year.
///
/// The listener adds to it as notifications arrive (so the notification stream never backs up); the
/// worker waits on it, then takes everything at once. Its size is bounded by ``limit`` distinct
/// targets, however many notifications arrive.
actor PendingTargets {
    /// Why a target is pending: the first notification's reason, and how many more named it.
    struct Request: Sendable, Hashable {
        var reason: String
        var more: Int

        /// "submission 42", or "submission 42 and 9 more" for a burst.
        var summary: String { more == 0 ? reason : "\(reason) and \(more) more" }
    }

    let limit: Int
    private var targets: [CityYear: Request] = [:]
    private var woken = false
    private var staleCheckRequested = false
    private var closed = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var timer: Task<Void, Never>?

    init(limit: Int = 10_000) {
        self.limit = limit
    }

    /// Adds targets and wakes the worker. Returns how many were dropped because ``limit`` distinct
    /// targets are already pending.
    @discardableResult
    func add(_ new: [CityYear], reason: String) -> Int {
        var dropped = 0
        for target in new {
            if targets[target] != nil {
                targets[target]?.more += 1
            } else if targets.count < limit {
                targets[target] = Request(reason: reason, more: 0)
            } else {
                dropped += 1
            }
        }
        wake()
        return dropped
    }

    /// Wakes the worker without adding anything (e.g. to look at the queue again).
    func poke() { wake() }

    /// Wakes the worker and asks it to look for stale aggregates too (notifications were missed).
    func requestStaleCheck() {
        staleCheckRequested = true
        wake()
    }

    /// Whether a stale check was asked for since the last call.
    func takeStaleCheckRequest() -> Bool {
        defer { staleCheckRequested = false }
        return staleCheckRequested
    }

    /// Wakes the worker for good: every later ``wait(atMost:)`` returns at once.
    func close() {
        closed = true
        wake()
    }

    var isClosed: Bool { closed }
    var isEmpty: Bool { targets.isEmpty }

    /// Everything pending, in a stable order, leaving it empty.
    func take() -> [(CityYear, Request)] {
        defer { targets.removeAll(keepingCapacity: false) }
        return targets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Returns when something was added or poked since the last wait, on ``close()``, after `timeout`
    /// (nil: no timeout), or when the calling task is cancelled.
    func wait(atMost timeout: Duration?) async {
        if woken || closed {
            woken = false
            return
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled {
                    continuation.resume()
                    return
                }
                waiter = continuation
                if let timeout {
                    timer = Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        await self?.timeUp()
                    }
                }
            }
        } onCancel: {
            Task { await self.timeUp() }
        }
        timer?.cancel()
        timer = nil
        woken = false
    }

    private func wake() {
        woken = true
        resumeWaiter()
    }

    private func timeUp() { resumeWaiter() }

    private func resumeWaiter() {
        waiter?.resume()
        waiter = nil
    }
}
