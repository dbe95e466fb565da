import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

/// The dashboard read back from a database holding the demo city: it must show what `rekap report`
/// and `rekap rank` show, through the same queries.
@Suite struct CityDashboardLoaderTests {
    static let city = RegionCode("14.72")!

    func submitDemo(_ client: PGClient) async throws {
        let store = SubmissionStore(client: client)
        for kecamatan in DemoSubmissions.kecamatan {
            _ = try #require(try await store.submit(bytes: DemoSubmissions.bytes(kecamatan)).stored, "\(kecamatan) not stored")
        }
    }

    func recompute(_ client: PGClient) async throws {
        try await client.withTransaction { connection in
            try Consolidator.recompute(city: Self.city, year: 2023, on: connection)
        }
    }

    func dashboard(_ client: PGClient, asOf: CalendarDate? = nil) async throws -> CityDashboard {
        try await client.withTransaction(isolation: .repeatableRead, readOnly: true) { connection in
            try CityDashboardLoader.load(city: Self.city, year: 2023, asOf: asOf, on: connection)
        }
    }

    @Test func showsWhatTheReportShows() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            try await submitDemo(client)
            try await recompute(client)
            let dashboard = try await dashboard(client)
            let report = try await CityReportLoader.load(city: Self.city, year: 2023, client: client)
            #expect(dashboard.city == report.city)
            #expect(dashboard.aggregatedAt == report.aggregatedAt)
            #expect(dashboard.stalenessNote == nil)
            #expect(dashboard.leaderboards == report.leaderboards)
            #expect(dashboard.leaderboards.map(\.id) == ["pbb-kelurahan", "pbb-kecamatan", "iku", "penyerapan"])
            #expect(dashboard.medals == report.medals)
            #expect(dashboard.findings == report.findings)
            #expect(!dashboard.findings.isEmpty)
            #expect(dashboard.completeness == KecamatanCompleteness.summarize(report.completeness))
            #expect(dashboard.completeness.map(\.kecamatan.code.text) == DemoSubmissions.kecamatan)
            #expect(dashboard.completeness.allSatisfy { $0.status(.fy).revision == 1 && $0.villages > 0 })
            let latest = try await client.withConnection { try CityDashboardLoader.latestYear(city: Self.city, on: $0) }
            #expect(latest == 2023)
        }
    }

    @Test func pbbBoardsStandAtTheChosenDay() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            try await submitDemo(client)
            try await recompute(client)
            let day = try CalendarDate(parsing: "2023-06-30")
            let dashboard = try await dashboard(client, asOf: day)
            #expect(dashboard.asOf == day)
            let expected = try await client.withConnection { connection in
                try Rankings.pbb(city: Self.city, year: 2023, level: .kelurahan, asOf: day, on: connection)
            }
            let board = try #require(dashboard.leaderboards.first { $0.id == "pbb-kelurahan" })
            #expect(!board.rows.isEmpty)
            #expect(board.title == expected.title)
            #expect(board.title.en.hasSuffix(" as of 2023-06-30"))
            #expect(board.title.id.hasSuffix(", per tanggal 30 Juni 2023"))
            #expect(board.rows.map(\.ranked) == expected.ranked)
            // The other boards do not depend on the day.
            let latest = try await self.dashboard(client)
            #expect(dashboard.leaderboards.filter { $0.kind != .pbb } == latest.leaderboards.filter { $0.kind != .pbb })
        }
    }

    @Test func staleAndNeverComputedSayWhatHappensNext() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            let never = try await dashboard(client)
            #expect(never.aggregatedAt == nil)
            #expect(never.stalenessNote?.en.contains("were never computed") == true)
            #expect(never.stalenessNote?.id.contains("belum pernah dihitung") == true)
            #expect(never.leaderboards.allSatisfy { $0.rows.isEmpty })
            let latest = try await client.withConnection { try CityDashboardLoader.latestYear(city: Self.city, on: $0) }
            #expect(latest == nil)

            try await submitDemo(client)
            try await recompute(client)
            _ = try await SubmissionStore(client: client).submit(bytes: Array(try DemoSubmissions.bytes("14.72.02") + Array(" ".utf8)))
            let stale = try await dashboard(client)
            // Stale figures still say when they were computed.
            let report = try await CityReportLoader.load(city: Self.city, year: 2023, client: client)
            #expect(stale.aggregatedAt != nil)
            #expect(stale.aggregatedAt == report.aggregatedAt)
            #expect(stale.stalenessNote?.en.hasPrefix("1 submission") == true)
            #expect(stale.stalenessNote?.en.hasSuffix("rekapd recomputes them shortly and this page then updates itself.") == true)
            #expect(stale.stalenessNote?.id.hasPrefix("1 laporan") == true)
            #expect(stale.stalenessNote?.id.hasSuffix("rekapd segera menghitungnya ulang dan halaman ini lalu diperbarui sendiri.") == true)
        }
    }

    @Test func aKecamatanIsNotACity() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            _ = await #expect(throws: CityReportError.self) {
                try await client.withConnection { connection in
                    try CityDashboardLoader.load(city: RegionCode("14.72.02")!, year: 2023, on: connection)
                }
            }
        }
    }
}
