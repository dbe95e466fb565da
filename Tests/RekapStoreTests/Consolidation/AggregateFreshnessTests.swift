import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// The one rule for "read, say stale, or recompute first" that `rekap rank|report` and the API share.
@Suite(.timeLimit(.minutes(5)))
struct AggregateFreshnessTests {
    static let dumai = RegionCode("14.72")!

    @Test func aYearWithoutDataIsNoDataAndAYearWithDataIsComputedFirst() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            func decide(_ year: Int, fresh: Bool = false) async throws -> AggregateFreshness {
                try await client.withConnection { try AggregateFreshness.decide(city: Self.dumai, year: year, fresh: fresh, on: $0) }
            }
            // Nothing stored yet: nothing to compute, even when fresh figures are asked for.
            #expect(try await decide(2023) == .noData)
            #expect(try await decide(1900, fresh: true) == .noData)
            // One kecamatan's 2023 report: 2023 is computed first; 2022 still has nothing.
            try await DemoSubmissions.submit(["14.72.02"], client: client)
            #expect(try await decide(2023) == .recompute(.neverComputed))
            #expect(try await decide(2022) == .noData)
        }
    }
}
