import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.freshDatabase)
struct NotificationTests {
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
        let notifications = try await client.notifications(channels: ["stop_me"])
        let consumer = Task {
            var count = 0
            for try await _ in notifications { count += 1 }
            return count  // reached only when the sequence finishes
        }
        let sender = try TestDatabase.connect()
        try sender.notify(channel: "stop_me", payload: "one")
        notifications.stop()
        let count = try await consumer.value
        #expect(count <= 1)
        await client.close()
    }

    @Test func cancellingTheConsumerStopsTheListener() async throws {
        let client = PGClient(configuration: try TestDatabase.configuration)
        let notifications = try await client.notifications(channels: ["cancel_me"])
        let consumer = Task {
            for try await _ in notifications {}
        }
        consumer.cancel()
        _ = await consumer.result
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
