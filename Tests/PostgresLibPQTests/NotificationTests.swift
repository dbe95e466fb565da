import Foundation
import PostgresLibPQ
import RekapTestSupport
import Synchronization
import Testing

/// LISTEN/NOTIFY as an async sequence. Each test waits on a listener thread: the time limit fails a
/// listener that never ends instead of hanging the run.
@Suite(.freshDatabase, .timeLimit(.minutes(10)))
struct NotificationTests {
    /// Sessions of this database that listen on `channel` (a listener's last statement is its LISTEN).
    static func listeners(_ channel: String, on monitor: PGConnection) throws -> Int {
        try monitor.queryValue(Int.self, """
            SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE \("LISTEN %" + channel + "%")
            """) ?? 0
    }

    @Test func deliversNotificationsAsAnAsyncSequence() async throws {
        let client = PGClient(configuration: try TestDatabase.configuration)
        let channels = ["Mixed Case \"Chan\"", "plain", "kanal-ünï"]
        let notifications = try await client.notifications(channels: channels)
        // LISTEN is in place once `notifications` returns: send right away.
        let sender = try TestDatabase.connect()
        let payloads = ["héllo 'x' \"y\" 🎉", "", String(repeating: "p", count: 7000)]
        try sender.notify(channel: "not listened", payload: "ignored")
        for (channel, payload) in zip(channels, payloads) {
            try sender.notify(channel: channel, payload: payload)
        }
        try sender.execute("NOTIFY plain, 'via NOTIFY'")
        try sender.transaction { c in
            try c.notify(channel: "plain", payload: "sent at commit")
        }

        var received = [PGNotification]()
        for try await note in notifications {
            received.append(note)
            if received.count == 5 { break }
        }
        #expect(received.map(\.channel) == channels + ["plain", "plain"])
        #expect(received.map(\.payload) == payloads + ["via NOTIFY", "sent at commit"])
        #expect(received.allSatisfy { $0.backendPID == sender.backendPID })
        notifications.stop()
        await client.close()
    }

    @Test func stoppingEndsIteration() async throws {
        let client = PGClient(configuration: try TestDatabase.configuration)
        let monitor = try TestDatabase.connect()
        defer { monitor.close() }
        let notifications = try await client.notifications(channels: ["stop_me"])
        #expect(try Self.listeners("stop_me", on: monitor) == 1)
        let received = PayloadLog()
        let consumer = Task {
            for try await note in notifications { received.append(note.payload) }
            return received.payloads  // reached only when the sequence finishes
        }
        let sender = try TestDatabase.connect()
        defer { sender.close() }
        try sender.notify(channel: "stop_me", payload: "one")
        try await waitUntil("the notification to arrive") { received.payloads == ["one"] }
        notifications.stop()
        // The sequence ends with what came before the stop, and the listening session is gone.
        #expect(try await consumer.value == ["one"])
        try await waitUntil("the listener's session to end") { try Self.listeners("stop_me", on: monitor) == 0 }
        await client.close()
    }

    @Test func cancellingTheConsumerStopsTheListener() async throws {
        let client = PGClient(configuration: try TestDatabase.configuration)
        let monitor = try TestDatabase.connect()
        defer { monitor.close() }
        let notifications = try await client.notifications(channels: ["cancel_me"])
        #expect(try Self.listeners("cancel_me", on: monitor) == 1)
        let consumer = Task {
            for try await _ in notifications {}
        }
        consumer.cancel()
        // The consumer ends (cancelled, or finished by the stop), and its listener with it.
        switch await consumer.result {
        case .success: break
        case .failure(let error): #expect(error is CancellationError, "\(error)")
        }
        try await waitUntil("the listener's session to end") { try Self.listeners("cancel_me", on: monitor) == 0 }
        // The client's close waits for listener threads to exit: this returns.
        await client.close()
    }

    @Test func closingTheClientEndsListeners() async throws {
        let client = PGClient(configuration: try TestDatabase.configuration)
        let notifications = try await client.notifications(channels: ["closing"])
        let consumer = Task {
            for try await _ in notifications {}
            return true
        }
        await client.close()
        #expect(try await consumer.value)
    }
}

/// Payloads a consumer received, read from the test.
final class PayloadLog: Sendable {
    private let received = Mutex<[String]>([])
    var payloads: [String] { received.withLock { $0 } }
    func append(_ payload: String) { received.withLock { $0.append(payload) } }
}
