import Logging
import PostgresLibPQ
import RekapDomain
import RekapStore

/// Fans the `rekap_consolidated` notifications (sent by `ConsolidationQueue` when a recompute
/// commits) out to every open dashboard event stream, over ONE listening connection however many
/// browsers are watching.
///
/// The listener starts with the first subscriber, and ``subscribe()`` returns only once `LISTEN` is
/// in place, so a recompute committed after a stream opened is never missed. When the listening
/// connection is lost, every subscription ends (browsers reconnect and refresh), and the next
/// subscriber starts a new listener.
actor ConsolidationEvents {
    /// One recompute of one city and year: the notification's JSON payload as sent.
    struct Event: Sendable, Hashable {
        let target: CityYear
        let payload: String
    }

    let client: PGClient
    let logger: Logger
    private var listening: Task<PGNotificationSequence, any Error>?
    private var subscribers: [Int: AsyncStream<Event>.Continuation] = [:]
    private var nextID = 0

    init(client: PGClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// A stream of every recompute from now on (the subscriber filters by city and year). It ends
    /// when the caller stops iterating or the listening connection is lost.
    func subscribe() async throws -> AsyncStream<Event> {
        let starting: Task<PGNotificationSequence, any Error>
        if let listening {
            starting = listening
        } else {
            let client = self.client
            starting = Task { try await client.notifications(channels: [ConsolidationQueue.consolidatedChannel]) }
            listening = starting
            Task { await pump(starting) }
        }
        do {
            _ = try await starting.value
        } catch {
            if listening == starting { listening = nil }
            throw error
        }
        let id = nextID
        nextID += 1
        // A slow browser gets the newest few events; any one of them makes it refresh.
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(4))
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        subscribers[id] = continuation
        return stream
    }

    private func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }

    /// Reads the listening connection until it ends, then ends every subscription.
    private func pump(_ starting: Task<PGNotificationSequence, any Error>) async {
        do {
            for try await notification in try await starting.value {
                publish(notification)
            }
        } catch {
            logger.warning("the dashboard's event listener stopped", metadata: ["error": "\(error)"])
        }
        if listening == starting { listening = nil }
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    private func publish(_ notification: PGNotification) {
        guard let target = ConsolidationNotification.target(notification.payload) else {
            logger.warning("ignored a malformed \(notification.channel) notification", metadata: ["payload": "\(notification.payload)"])
            return
        }
        // One line, as an SSE data field needs (jsonb text has no line breaks; this keeps it so).
        let payload = notification.payload.split(whereSeparator: \.isNewline).joined(separator: " ")
        for continuation in subscribers.values { continuation.yield(Event(target: target, payload: payload)) }
    }
}
