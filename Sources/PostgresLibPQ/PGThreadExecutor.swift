import Foundation

/// A `SerialExecutor` that runs every job on one dedicated thread.
///
/// libpq calls block, and blocking Swift's cooperative pool (one thread per core) would
/// stall unrelated tasks; so each connection used from async code lives on an actor whose
/// executor is one of these (like GRDB's `DispatchQueueActor`, with a plain thread and a
/// condition variable instead of a dispatch queue, so the thread is truly ours).
///
/// After ``shutdown()`` the thread exits once its queue is empty; a job enqueued later
/// starts a new thread, so an actor never hangs on a stopped executor.
final class PGThreadExecutor: SerialExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private var threadRunning = false
    private let name: String

    init(name: String) {
        self.name = name
        condition.lock()
        startThreadLocked()
        condition.unlock()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        if !threadRunning { startThreadLocked() }
        condition.signal()
        condition.unlock()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread exit once the queued jobs have run.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func startThreadLocked() {
        threadRunning = true
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        thread.start()
    }

    private func runLoop() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                threadRunning = false  // stopping, nothing left
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            let executor = asUnownedSerialExecutor()
            for job in batch { job.runSynchronously(on: executor) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
