import Logging
import PostgresLibPQ
import RekapDomain
import RekapStore

/// Fans the notifications about city aggregates out to everyone in this process who follows them,
/// over ONE listening connection however many follow:
///
/// - `rekap_consolidated` (sent by `ConsolidationQueue` when a recompute commits): every open
///   dashboard event stream, and the ``AnswerCache``;
/// - `rekap_submission` and `rekap_pbb_load` (new inputs: the aggregates turn stale): the
///   ``AnswerCache``.
///
/// The listener starts with the first subscriber, and ``subscribe(channels:)`` returns only once
/// `LISTEN` is in place, so a change committed after a subscription began is never missed. When the
/// listening connection is lost, every subscription ends (browsers reconnect and refresh, the cache
/// drops everything and subscribes again), and the next subscriber starts a new listener.
actor ConsolidationEvents {
    /// Every channel the listener follows.
    static let channels = [ConsolidationQueue.consolidatedChannel] + ConsolidationTrigger.channels

    /// One notification: its channel, the cities and years it names, its payload as sent.
    struct Event: Sendable, Hashable {
        let channel: String
        /// nil when the payload could not be read: anything may have changed.
        let targets: [CityYear]?
        let payload: String
    }

    let client: PGClient
    let logger: Logger
    private var listening: Task<PGNotificationSequence, any Error>?
    private var subscribers: [Int: (channels: Set<String>, continuation: AsyncStream<Event>.Continuation)] = [:]
    private var nextID = 0

    init(client: PGClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// A stream of every notification on `channels` from now on (the subscriber filters by city and
    /// year). It ends when the caller stops iterating or the listening connection is lost.
    ///
    /// - Parameter newest: how many undelivered events a slow subscriber keeps (the newest).
    func subscribe(channels: Set<String>, newest: Int = 4) async throws -> AsyncStream<Event> {
        let starting: Task<PGNotificationSequence, any Error>
        if let listening {
            starting = listening
        } else {
            let client = self.client
            starting = Task { try await client.notifications(channels: Self.channels) }
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
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(newest))
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        subscribers[id] = (channels, continuation)
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
            logger.warning("the shared notification listener stopped", metadata: ["error": "\(error)"])
        }
        if listening == starting { listening = nil }
        for subscriber in subscribers.values { subscriber.continuation.finish() }
        subscribers = [:]
    }

    private func publish(_ notification: PGNotification) {
        let targets = Self.targets(of: notification)
        if targets == nil {
            logger.warning("a malformed \(notification.channel) notification", metadata: ["payload": "\(notification.payload)"])
        }
        // One line, as an SSE data field needs (jsonb text has no line breaks; this keeps it so).
        let payload = notification.payload.split(whereSeparator: \.isNewline).joined(separator: " ")
        let event = Event(channel: notification.channel, targets: targets, payload: payload)
        for subscriber in subscribers.values where subscriber.channels.contains(notification.channel) {
            subscriber.continuation.yield(event)
        }
    }

    /// The cities and years a notification names, or nil when its payload cannot be read.
    static func targets(of notification: PGNotification) -> [CityYear]? {
        guard notification.channel == ConsolidationQueue.consolidatedChannel else {
            return try? ConsolidationTrigger.targets(of: notification).targets
        }
        guard let value = try? JSONParser().parse(notification.payload),
              case .string(let city)? = value["city"], case .number(let yearText)? = value["year"], let year = Int(yearText),
              let target = try? CityYear(city: city, year: year)
        else { return nil }
        return [target]
    }
}
