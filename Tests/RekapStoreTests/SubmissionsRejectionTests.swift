import Foundation
import PostgresLibPQ
@testable import RekapDomain
@testable import RekapStore
import Testing

/// Rejections store nothing; regions are checked against the registry; a failure halfway stores nothing.
@Suite
struct SubmissionsRejectionTests {
    @Test func everyRejectedFixtureIsRejectedWithItsPointerAndNothingIsStored() async throws {
        try await withSubmissionStore { store in
            // Something stored already, so "nothing changed" is not just "still empty".
            _ = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).stored)
            let before = try await store.client.tableCounts()
            let expectations = try SubmissionFixtures.rejectedExpectations()
            #expect(expectations.count == 51)
            for expectation in expectations {
                let outcome = try await store.submit(bytes: SubmissionFixtures.bytes("rejected/\(expectation.file)"))
                let problems = outcome.problems
                #expect(outcome.revision == nil, "\(expectation.file) was not rejected")
                let atPointer = problems.filter { $0.pointer.description == expectation.pointer }
                let kinds = SubmissionFixtures.kinds[expectation.reason] ?? []
                #expect(atPointer.contains { kinds.contains($0.kind) },
                        "\(expectation.file): expected \(expectation.reason) at \"\(expectation.pointer)\", got \(problems)")
            }
            #expect(try await store.client.tableCounts() == before)
        }
    }

    /// A minimal kecamatan document for 14.72.02 with one PBB row for `kelurahan`.
    static func pbbDocument(region: String = "14.72.02", kelurahan: String) -> [UInt8] {
        Array("""
            {"format": "rekap.submission/v1", "region": "\(region)", "year": 2023, "period": "Q1",
             "pbb": [{"kelurahan": "\(kelurahan)", "ketetapan": "1000", "realisasi": "500", "as_of": "2023-03-31"}]}
            """.utf8)
    }

    @Test func wellFormedButUnknownRegionsAreRejected() async throws {
        try await withSubmissionStore { store in
            let before = try await store.client.tableCounts()
            // 14.72.02.1005 has the right shape and lies within Dumai Timur, but the registry does not know it.
            let unknownKelurahan = try await store.submit(bytes: Self.pbbDocument(kelurahan: "14.72.02.1005")).problems
            #expect(unknownKelurahan.map(\.pointer.description) == ["/pbb/0/kelurahan"])
            #expect(unknownKelurahan.map(\.kind) == [.unknownRegion])
            #expect(unknownKelurahan.first?.reason.contains("14.72.02.1005") == true)

            let unknownSubmitter = try await store.submit(bytes: Self.pbbDocument(region: "14.72.02.1005", kelurahan: "14.72.02.1005")).problems
            #expect(unknownSubmitter.contains { $0.kind == .unknownRegion && $0.pointer.description == "/region" })

            let unknownKecamatan = try await store.submit(bytes: Self.pbbDocument(region: "14.72.08", kelurahan: "14.72.08.1001")).problems
            #expect(unknownKecamatan.contains { $0.kind == .unknownRegion && $0.pointer.description == "/region" })

            // In the seed: an award for a kelurahan that does not exist.
            let award = try SubmissionFixtures.seed(replacing: "\"region\": \"14.72.02.1009\"", with: "\"region\": \"14.72.02.1005\"")
            let problems = try await store.submit(bytes: award).problems
            #expect(problems.map(\.kind) == [.unknownRegion])
            #expect(problems.first?.pointer.description.hasPrefix("/awards/") == true)
            #expect(try await store.client.tableCounts() == before)
        }
    }

    @Test func kelurahanOutsideTheSubmittingRegionIsRejectedOnce() async throws {
        try await withSubmissionStore { store in
            let before = try await store.client.tableCounts()
            // 14.72.03.1001 exists, but in another kecamatan: out of scope, and not also "unknown".
            let other = try await store.submit(bytes: Self.pbbDocument(kelurahan: "14.72.03.1001")).problems
            #expect(other.map(\.kind) == [.outOfScope])
            #expect(other.map(\.pointer.description) == ["/pbb/0/kelurahan"])
            // A kelurahan may only name itself.
            let sibling = try await store.submit(bytes: Self.pbbDocument(region: "14.72.02.1004", kelurahan: "14.72.02.1003")).problems
            #expect(sibling.map(\.kind) == [.outOfScope])
            #expect(try await store.client.tableCounts() == before)
        }
    }

    @Test func aFailureAfterTheHeaderStoresNothing() async throws {
        try await withSubmissionStore { store in
            _ = try #require(try await store.submit(bytes: SubmissionFixtures.seed()).stored)
            let before = try await store.client.tableCounts()
            // Bypass the registry check (a checker without one accepts the unknown kelurahan), so the
            // header and most facts are written before the award's foreign key fails.
            let bytes = try SubmissionFixtures.seed(replacing: "\"region\": \"14.72.02.1009\"", with: "\"region\": \"14.72.02.1005\"")
            guard case .accepted(let submission, let findings, let summary, _) = SubmissionChecker().check(bytes) else {
                Issue.record("the variant should pass a checker without a registry")
                return
            }
            let writer = SubmissionWriter(submission: submission, findings: findings, summary: summary, document: bytes)
            let error = await #expect(throws: PGError.self) {
                try await store.client.withTransaction { conn in try writer.write(on: conn) }
            }
            #expect(error?.sqlState == .foreignKeyViolation)
            #expect(try await store.client.tableCounts() == before)
        }
    }
}
