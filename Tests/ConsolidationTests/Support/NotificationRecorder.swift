import PostgresLibPQ
import RekapStore
import RekapTestSupport

/// Records every notification on some channels from the moment ``start(_:channels:)`` returns (LISTEN
/// is then in place), so a test can wait for one without missing it.
actor NotificationRecorder {
    private var received: [PGNotification] = []
    private var failure: (any Error)?
    private var task: Task<Void, Never>?

    static func start(_ client: PGClient, channels: [String]) async throws -> NotificationRecorder {
        let recorder = NotificationRecorder()
        let notifications = try await client.notifications(channels: channels)
        await recorder.consume(notifications)
        return recorder
    }

    private func consume(_ notifications: PGNotificationSequence) {
        task = Task {
            do {
                for try await notification in notifications { self.record(notification) }
            } catch {
                self.fail(error)
            }
        }
    }

    private func record(_ notification: PGNotification) { received.append(notification) }
    private func fail(_ error: any Error) { failure = error }

    var all: [PGNotification] { received }

    /// The first notification (received so far or later) matching `predicate`, within `timeout`.
    func first(
        within timeout: Duration = patience, _ what: String, where predicate: @Sendable (PGNotification) -> Bool
    ) async throws -> PGNotification {
        try await eventually(within: timeout, what) {
            if let failure { throw failure }
            return received.first(where: predicate)
        }
    }

    /// The `rekap_consolidated` notification of job `id`.
    func consolidated(job id: Int64, within timeout: Duration = patience) async throws -> PGNotification {
        try await first(within: timeout, "rekap_consolidated for job \(id)") { note in
            note.channel == ConsolidationQueue.consolidatedChannel && ConsolidationNotification.jobID(note.payload) == id
        }
    }

    func stop() { task?.cancel() }
}
