import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// `SubmissionStore` with a token's scope: a whole submission (revisions, facts, findings, NOTIFY,
/// advisory lock) runs as `rekap_api` for an allowed region, and another region is refused by
/// row-level security with a clear error, storing nothing.
@Suite(.timeLimit(.minutes(10)))
struct ScopedSubmissionTests {
    typealias R = AccessRegions

    @Test func theKecamatanSubmitsItsReportWithEveryRevisionAndNotification() async throws {
        try await withSubmissionStore { unscoped in
            var store = unscoped
            store.scope = R.scope(.kecamatan, R.dumaiTimur)
            let notifications = try await store.client.notifications(channels: [SubmissionNotification.channel])
            defer { notifications.stop() }
            var iterator = notifications.makeAsyncIterator()

            let first = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).stored)
            #expect(first.revision.region.text == R.dumaiTimur && first.revision.revision == 1)
            #expect(try SubmissionNotification.decode(try #require(try await iterator.next()).payload) == first.revision)
            // The same bytes again: recognised through the scope's own rows.
            #expect(try await store.submit(bytes: SubmissionFixtures.seed()).unchanged == first.revision)
            let second = try #require(try await store.submit(bytes: SubmissionFixtures.seedVariant(2)).stored)
            #expect(second.revision.revision == 2)
            #expect(try SubmissionNotification.decode(try #require(try await iterator.next()).payload) == second.revision)

            // Every fact is stored, as an unscoped store stores it.
            let client = store.client
            #expect(try await client.value(Int.self, "SELECT count(*) FROM submission_finding WHERE submission_id = \(second.revision.id)")
                    == second.findings.count)
            let lines = try await client.value(Int.self, "SELECT count(*) FROM budget_line WHERE submission_id = \(second.revision.id)")
            #expect(lines == (try await client.value(Int.self, "SELECT count(*) FROM budget_line WHERE submission_id = \(first.revision.id)")))
            #expect((lines ?? 0) > 0)
            #expect(try await client.value(Int.self, "SELECT count(*) FROM submission_indicator WHERE submission_id = \(second.revision.id)") ?? 0 > 0)
        }
    }

    @Test(arguments: [
        (AccessRole.kecamatan, "14.72.01"),  // another kecamatan of the city
        (.kelurahan, "14.72.02.1004"),       // a kelurahan under it submitting its kecamatan's report
        (.bappeda, "14.72"),                 // Bappeda reads, never submits
        (.revenue, "14.72"),
    ])
    func anotherRegionsReportIsRefusedAndNothingIsStored(role: AccessRole, region: String) async throws {
        try await withSubmissionStore { unscoped in
            var store = unscoped
            let scope = R.scope(role, region)
            store.scope = scope
            let before = try await store.client.tableCounts()
            let error = await #expect(throws: SubmissionStoreError.self) {
                try await store.submit(bytes: SubmissionFixtures.seed())
            }
            guard case .notAllowed(let refused, let refusedScope)? = error else {
                Issue.record("expected notAllowed, got \(String(describing: error))")
                return
            }
            #expect(refused.text == R.dumaiTimur && refusedScope == scope)
            #expect(error?.description.contains("not allowed for this token's region") == true)
            #expect(error?.description.contains(R.dumaiTimur) == true)
            #expect(try await store.client.tableCounts() == before)
        }
    }
}
