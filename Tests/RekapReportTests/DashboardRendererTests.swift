import Foundation
import RekapDomain
import Testing
@testable import RekapReport

@Suite struct DashboardRendererTests {
    static let asOf = try! CalendarDate(year: 2023, month: 6, day: 30)

    /// The sample report's boards, medals, completeness and findings, as the dashboard shows them.
    static var dashboard: CityDashboard {
        let report = SampleReport.report
        return CityDashboard(
            city: report.city, year: report.year, asOf: asOf, generatedAt: report.generatedAt, aggregatedAt: report.aggregatedAt,
            stalenessNote: report.stalenessNote, leaderboards: report.leaderboards, medals: report.medals,
            completeness: KecamatanCompleteness.summarize(report.completeness + [
                CompletenessRow(region: SampleReport.tanjungPalas, periods: [.init(period: .q1, revision: 1, submittedAt: SampleReport.generatedAt)]),
                CompletenessRow(region: SampleReport.jayaMukti, periods: []),
            ]),
            findings: report.findings)
    }

    let page = DashboardRenderer.page(Self.dashboard)
    let fragment = DashboardRenderer.fragment(Self.dashboard)

    @Test func pageIsSelfContainedWithOneInlineScript() {
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Dashboard Dumai 2023 · rekap</title>\n<noscript><meta http-equiv=\"refresh\" content=\"60\"></noscript>\n<style>\n"))
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(page.contains("<script>\n(function () {"))
        #expect(page.contains("<script>" + DashboardRenderer.script + "</script>"))
        for external in ["<link", "<img", "src=", "url(", "@import", "<iframe"] {
            #expect(!page.contains(external), "\(external)")
        }
        // The only address is the SVG namespace, a name rather than a download.
        let addresses = page.components(separatedBy: "http").count - 1
        #expect(addresses == page.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1 + 1)  // + http-equiv
        #expect(page.contains(HTMLStyle.css))
        #expect(page.contains("@media (max-width: 560px)"))
    }

    @Test func controlsAreAPlainGetForm() {
        #expect(page.contains("""
            <form class="controls" method="get" action="/">
            <label>Year <input type="number" name="year" value="2023" min="1900" max="2999" inputmode="numeric" required></label>
            <label>PBB-P2 as of <input type="date" name="as_of" value="2023-06-30"></label>
            <button type="submit">Show</button>
            </form>
            """))
        #expect(page.contains("<div class=\"title-row\"><h1>Dumai 2023</h1><form class=\"logout\" method=\"post\" action=\"/logout\"><button type=\"submit\">Log out</button></form></div>"))
        var latest = Self.dashboard
        latest.asOf = nil
        #expect(DashboardRenderer.page(latest).contains("<input type=\"date\" name=\"as_of\" value=\"\">"))
        #expect(DashboardRenderer.page(latest).contains("data-fragment=\"/fragment?year=2023\""))
    }

    @Test func theScriptFindsItsFragmentAndEventStream() {
        #expect(page.contains("<main id=\"dashboard\" data-fragment=\"/fragment?year=2023&amp;as_of=2023-06-30\" data-events=\"/events?city=14.72&amp;year=2023\">\n" + fragment + "</main>\n"))
        #expect(DashboardScript.source.contains("source.addEventListener(\"consolidated\", refresh);"))
        #expect(DashboardScript.source.contains("main.getAttribute(\"data-fragment\")"))
        #expect(DashboardRoutes.query(year: 2024, asOf: nil) == "year=2024")
        #expect(DashboardRoutes.events(city: SampleReport.city.code, year: 2024) == "/events?city=14.72&year=2024")
    }

    @Test func statusAndStalenessComeFirst() {
        #expect(fragment.hasPrefix("<p class=\"status\" role=\"status\">Aggregates computed at 2024-01-31T23:00:00Z · shown at 2024-02-01T00:00:00Z · PBB-P2 as of 2023-06-30</p>\n<p class=\"warning\" role=\"alert\"><strong>Figures may be out of date.</strong> 2 submissions stored after the last consolidation (2024-01-31T23:00:00Z); run rekap consolidate</p>\n<div class=\"cards\">\n"))
        let fresh = DashboardRenderer.fragment(CityDashboard(city: SampleReport.city, year: 2023, generatedAt: SampleReport.generatedAt))
        #expect(fresh.hasPrefix("<p class=\"status\" role=\"status\">Aggregates computed at never · shown at 2024-02-01T00:00:00Z · PBB-P2 as of the last payment</p>\n<div class=\"cards\">\n"))
    }

    @Test func leaderboardsAreTheReportsTablesAndCharts() throws {
        for board in Self.dashboard.leaderboards {
            #expect(fragment.contains(HTMLRenderer.table(ReportTable.leaderboard(board), rowsCollapsed: true)), "\(board.id)")
        }
        #expect(fragment.contains(HTMLRenderer.table(ReportTable.medals(Self.dashboard.medals), rowsCollapsed: true)))
        // Under each chart, the rows wait behind a summary; the completeness table has no chart and stays open.
        #expect(fragment.contains("</svg></figure>\n<details class=\"rows\"><summary>All 3 rows</summary>\n<div class=\"table-wrap\"><table>"))
        #expect(fragment.contains("</table></div>\n</details>\n</section>\n"))
        #expect(fragment.contains("<section class=\"table\" id=\"completeness-kecamatan\">\n<h3>Submissions for 2023 by kecamatan</h3>\n<p class=\"note\">1 of 2 kecamatan submitted the annual report (FY): the day of its latest revision; quarters submitted; kelurahan and desa that submitted anything.</p>\n<div class=\"table-wrap\">"))
        // The report itself keeps its tables open.
        #expect(!HTMLRenderer.render(SampleReport.report).contains("<details"))
        let order = ["<section class=\"card\" id=\"pbb\" aria-labelledby=\"pbb-h\">\n<h2 id=\"pbb-h\">PBB-P2</h2>\n<section class=\"table\" id=\"rank-pbb-kelurahan\">",
                     "<section class=\"card\" id=\"iku\" aria-labelledby=\"iku-h\">\n<h2 id=\"iku-h\">IKU capaian</h2>\n<section class=\"table\" id=\"rank-iku\">",
                     "<section class=\"card\" id=\"penyerapan\" aria-labelledby=\"penyerapan-h\">\n<h2 id=\"penyerapan-h\">Penyerapan anggaran</h2>\n<section class=\"table\" id=\"rank-penyerapan\">",
                     "<section class=\"card\" id=\"awards\" aria-labelledby=\"awards-h\">\n<h2 id=\"awards-h\">Awards</h2>\n<section class=\"table\" id=\"rank-awards\">",
                     "<section class=\"card\" id=\"kelengkapan\"", "<section class=\"card\" id=\"temuan\""]
        let positions = try order.map { try #require(fragment.range(of: $0), "\($0)").lowerBound }
        #expect(positions == positions.sorted())
        // The PBB-P2 board's chart: Jaya Mukti at 100%, Tanjung Palas at 88%, Teluk Binjai (no ketetapan) not charted.
        #expect(fragment.contains("<title>Rank 1: Jaya Mukti | Baru (14.72.02.1003) 100.00%</title>"))
        #expect(fragment.contains("<title>Rank 2: Tanjung Palas (14.72.02.1001) 88.00%</title>"))
        #expect(fragment.contains("<td class=\"num\">1\u{202F}100\u{202F}000\u{202F}000</td>"))
        #expect(!fragment.contains("<title>Rank 3: Teluk Binjai"))
    }

    @Test func completenessPerKecamatan() {
        #expect(fragment.contains("<p class=\"note\">1 of 2 kecamatan submitted the annual report (FY): the day of its latest revision; quarters submitted; kelurahan and desa that submitted anything.</p>"))
        #expect(fragment.contains("<tr><td class=\"region\">Dumai Timur<span class=\"code\">14.72.02</span></td><td>2024-01-31 (rev. 2)</td><td>Q3</td><td>1 of 2</td></tr>\n"))
        #expect(fragment.contains("<tr><td class=\"region\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Sungai&#39;<span class=\"code\">14.72.03</span></td><td class=\"missing\">missing</td><td>—</td><td>0 of 0</td></tr>\n"))
    }

    @Test func summarizeGroupsKelurahanUnderTheirKecamatan() throws {
        let at = SampleReport.generatedAt
        let lines = KecamatanCompleteness.summarize([
            CompletenessRow(region: SampleReport.region("14.72.01.1002", "Bagan Besar"), periods: [.init(period: .fy, revision: 1, submittedAt: at)]),
            CompletenessRow(region: SampleReport.dumaiTimur, periods: [.init(period: .q2, revision: 3, submittedAt: at)]),
            CompletenessRow(region: SampleReport.tanjungPalas, periods: [.init(period: .fy)]),
            CompletenessRow(region: SampleReport.telukBinjai, periods: [.init(period: .q4, revision: 1, submittedAt: at)]),
        ])
        #expect(lines.map(\.kecamatan) == [SampleReport.region("14.72.01", "14.72.01"), SampleReport.dumaiTimur])
        #expect(lines.map(\.villages) == [1, 2])
        #expect(lines.map(\.villagesReporting) == [1, 1])
        let dumaiTimur = try #require(lines.last)
        #expect(dumaiTimur.periods.map(\.period) == Period.allCases)
        #expect(dumaiTimur.status(.q2).revision == 3)
        #expect(!dumaiTimur.status(.fy).isSubmitted)
        #expect(!lines[0].status(.fy).isSubmitted)  // its kelurahan's FY is not the kecamatan's
    }

    @Test func findingsAreAListThatWraps() {
        #expect(fragment.contains("<p class=\"note\">1 error, 1 warning in 1 submission, of each region's latest revision per period.</p>\n<ul class=\"findings\">\n"))
        #expect(fragment.contains("<li class=\"sev-error\"><span class=\"sev\">error</span><strong>Dumai Timur</strong> <span class=\"where\">14.72.02 · FY rev. 2 · submission 42</span><br><span class=\"rule\">budget.parent-sum-mismatch</span> <code>/budget/programs/0/pagu</code><p>program &quot;A, B&quot; reports pagu 150000000 but its kegiatan add up to 143512700 (difference 6487300)</p></li>\n"))
        #expect(fragment.contains("<li class=\"sev-warning\"><span class=\"sev\">warning</span>"))
        // The findings list closes its card; the cross-document findings card follows it.
        #expect(fragment.contains("</ul>\n</section>\n<section class=\"card\" id=\"temuan-lintas\""))
    }

    @Test func anEmptyCitySaysSo() {
        let empty = DashboardRenderer.fragment(CityDashboard(city: SampleReport.city, year: 2023, generatedAt: SampleReport.generatedAt))
        #expect(empty.contains("<section class=\"card\" id=\"pbb\" aria-labelledby=\"pbb-h\">\n<h2 id=\"pbb-h\">PBB-P2</h2>\n<p class=\"empty\">No data.</p>\n</section>\n"))
        #expect(empty.contains("<section class=\"table\" id=\"rank-awards\">\n<h3>Medal table of kelurahan (awards)</h3>\n<p class=\"note\">"))
        #expect(empty.contains("<p class=\"empty\">No open findings.</p>\n</section>\n"))
        #expect(!empty.contains("<svg"))
    }

    @Test func dataIsEscapedEverywhere() {
        #expect(fragment.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Sungai&#39;"))
        #expect(!fragment.contains("alert(\"x\")"))
        #expect(!page.contains("<script>alert"))
    }

    @Test func loginPagePostsTheTokenAsAPassword() {
        let login = DashboardRenderer.loginPage()
        #expect(login.contains("""
            <form method="post" action="/login">
            <label for="token">Access token of your Bappeda</label>
            <input id="token" name="token" type="password" autocomplete="current-password" autocapitalize="off" spellcheck="false" required>
            <button type="submit">Log in</button>
            </form>
            """))
        #expect(!login.contains("<script"))
        #expect(!login.contains("role=\"alert\""))
        #expect(DashboardRenderer.loginPage(message: "That token is <unknown>.").contains("<p class=\"warning\" role=\"alert\">That token is &lt;unknown&gt;.</p>"))
    }

    @Test func errorPageSaysWhyAndLinksBack() {
        let page = DashboardRenderer.errorPage(title: "Not allowed", message: "A kecamatan token cannot read the city's dashboard & rankings.")
        #expect(page.contains("<h1>Not allowed</h1>\n<p>A kecamatan token cannot read the city&#39;s dashboard &amp; rankings.</p>\n<p><a href=\"/\">Back to the dashboard</a> · <a href=\"/login\">Log in with another token</a></p>"))
        #expect(page.contains("<title>Not allowed · rekap</title>"))
    }
}
