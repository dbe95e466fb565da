import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import Testing

/// Revision numbers under concurrent submissions.
@Suite(.timeLimit(.minutes(10)))
struct SubmissionsConcurrencyTests {
    @Test func eightDistinctDocumentsAtOnceGetRevisionsOneToEight() async throws {
        try await withSubmissionStore(maxConnections: 8) { store in
            let documents = try (1...8).map(SubmissionFixtures.seedVariant)
            let outcomes = try await withThrowingTaskGroup(of: SubmitOutcome.self) { group in
                for document in documents {
                    group.addTask { try await store.submit(bytes: document) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let revisions = outcomes.compactMap(\.stored?.revision)
            #expect(revisions.count == 8)
            #expect(revisions.map(\.revision).sorted() == Array(1...8))
            #expect(Set(revisions.map(\.id)).count == 8)
            let stored = try await store.client.query("SELECT revision FROM submission ORDER BY revision").map { try $0.decode(Int.self, at: 0) }
            #expect(stored == Array(1...8))
            // Each revision holds its own document, whole.
            let lines = try await store.client.query("""
                SELECT count(*) FROM budget_line WHERE level = 'sub_kegiatan' GROUP BY submission_id
                """).map { try $0.decode(Int.self, at: 0) }
            #expect(lines.count == 8 && Set(lines).count == 1)
        }
    }

    @Test func theSameDocumentAtOnceIsStoredOnce() async throws {
        try await withSubmissionStore(maxConnections: 6) { store in
            let seed = try SubmissionFixtures.seed()
            let outcomes = try await withThrowingTaskGroup(of: SubmitOutcome.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await store.submit(bytes: seed) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let stored = outcomes.compactMap(\.stored?.revision)
            #expect(stored.count == 1)
            #expect(outcomes.compactMap(\.unchanged).allSatisfy { $0 == stored.first })
            #expect(outcomes.compactMap(\.unchanged).count == 5)
            #expect(try await store.client.value(Int.self, "SELECT count(*) FROM submission") == 1)
        }
    }
}
