import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import Testing

/// The `rekap_submission` notification the consolidation daemon listens to.
@Suite(.timeLimit(.minutes(10)))
struct SubmissionsNotificationTests {
    @Test func storedRevisionIsAnnouncedAfterCommit() async throws {
        try await withSubmissionStore { store in
            let notifications = try await store.client.notifications(channels: [SubmissionNotification.channel])
            defer { notifications.stop() }
            let stored = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).stored)
            var iterator = notifications.makeAsyncIterator()
            let note = try #require(try await iterator.next())
            #expect(note.channel == "rekap_submission")
            #expect(note.payload == #"{"submission_id":\#(stored.revision.id),"region":"14.72.02","city":"14.72","year":2023,"period":"FY","revision":1}"#)
            #expect(try SubmissionNotification.decode(note.payload) == stored.revision)
            // Delivered after the commit: another session already sees the whole submission.
            #expect(try await store.client.value(Int.self, "SELECT count(*) FROM budget_line WHERE submission_id = \(stored.revision.id)") ?? 0 > 0)
        }
    }

    @Test func rejectedUnchangedAndRolledBackSubmissionsAnnounceNothing() async throws {
        try await withSubmissionStore { store in
            let notifications = try await store.client.notifications(channels: [SubmissionNotification.channel])
            defer { notifications.stop() }
            var iterator = notifications.makeAsyncIterator()
            let first = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).stored)
            #expect(try SubmissionNotification.decode(try #require(try await iterator.next()).payload) == first.revision)

            #expect(try await store.submit(bytes: SubmissionFixtures.bytes("rejected/37-duplicate-program-code.json")).revision == nil)
            #expect(try await store.submit(bytes: SubmissionFixtures.seed()).unchanged == first.revision)
            // Notifications sent in a transaction that rolls back are never delivered.
            struct Rollback: Error {}
            await #expect(throws: Rollback.self) {
                try await store.client.withTransaction { conn in
                    try conn.notify(channel: SubmissionNotification.channel, payload: "rolled back")
                    throw Rollback()
                }
            }
            // Notifications arrive in commit order, so if any of the above had announced something,
            // it would come before this marker.
            try await store.client.withConnection { conn in try conn.notify(channel: SubmissionNotification.channel, payload: "marker") }
            #expect(try await iterator.next()?.payload == "marker")

            let second = try #require(try await store.submit(bytes: SubmissionFixtures.seedVariant(2)).stored)
            #expect(try SubmissionNotification.decode(try #require(try await iterator.next()).payload) == second.revision)
        }
    }

    @Test func payloadsRoundTripAndBadOnesAreNamed() throws {
        let revision = SubmissionRevision(id: 42, region: try RegionCode(parsing: "14.72.02.1004"), year: 2024, period: .q2, revision: 3)
        let payload = SubmissionNotification.payload(revision)
        #expect(payload == #"{"submission_id":42,"region":"14.72.02.1004","city":"14.72","year":2024,"period":"Q2","revision":3}"#)
        #expect(try SubmissionNotification.decode(payload) == revision)
        for bad in ["", "[]", #"{"submission_id":"42","region":"14.72.02","year":2024,"period":"Q2","revision":3}"#,
                    #"{"submission_id":42,"region":"14.72.2","year":2024,"period":"Q2","revision":3}"#,
                    #"{"submission_id":42,"region":"14.72.02","year":2024,"period":"Q5","revision":3}"#] {
            #expect(throws: SubmissionNotification.InvalidPayload.self, "\(bad)") { try SubmissionNotification.decode(bad) }
        }
    }
}
