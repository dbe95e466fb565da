import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// The report history shows when each revision was sent in the city's own time zone, the one
/// `rekap city time-zone --set` stores: changing it changes the page, with no restart.
@Suite(.timeLimit(.minutes(10))) struct FormHistoryTimeZoneTests {
    @Test func theHistoryShowsTimesInTheCitysZone() async throws {
        try await DashboardDatabase.with(kecamatan: [ReportFormTests.dumaiTimur]) { database in
            let key = FormDraftKey(region: RegionCode(ReportFormTests.dumaiTimur)!, year: 2023, period: .fy)
            let revisions = try await database.client.withConnection { conn in try FormDraftStore.revisions(key, on: conn) }
            let sentAt = try #require(revisions.first?.submittedAt)
            try await RekapdServer.run(on: database.configuration) { rekapd in
                let session = try await ReportFormTests.session(.bappeda, "14.72", database)
                let path = ReportFormTests.formPath + "/history"
                var page = try await rekapd.request(path, headers: ReportFormTests.cookie(session)).body
                #expect(page.contains("<td data-label=\"Dikirim\">\(LocalizedDate.dateTime(sentAt, in: .wib, .id))</td>"), "\(page)")

                let set = try await run("rekap", ["city", "time-zone", "--city", "14.72", "--set", "WIT", "--database", databaseURL(database.configuration)])
                #expect(set.termination == .exited(0), "\(set.stderr)")
                page = try await rekapd.request(path, headers: ReportFormTests.cookie(session)).body
                #expect(page.contains("<td data-label=\"Dikirim\">\(LocalizedDate.dateTime(sentAt, in: .wit, .id))</td>"), "\(page)")
                #expect(!page.contains(" WIB</td>"))
            }
        }
    }
}
