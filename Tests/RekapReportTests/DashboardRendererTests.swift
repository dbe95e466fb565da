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
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Dasbor Dumai 2023 · rekap</title>\n<noscript><meta http-equiv=\"refresh\" content=\"60\"></noscript>\n<style>\n"))
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
            <label>Tahun <input type="number" name="year" value="2023" min="1900" max="2999" inputmode="numeric" required></label>
            <label>PBB-P2 per tanggal <input type="date" name="as_of" value="2023-06-30"></label>
            <button type="submit">Tampilkan</button>
            </form>
            """))
        #expect(page.contains("<div class=\"title-row\"><h1>Dumai 2023</h1><nav class=\"language\" aria-label=\"Bahasa\"><span aria-current=\"true\">Bahasa Indonesia</span> · <a href=\"/?year=2023&amp;as_of=2023-06-30&amp;lang=en\" hreflang=\"en\" lang=\"en\">English</a></nav><form class=\"logout\" method=\"post\" action=\"/logout\"><button type=\"submit\">Keluar</button></form></div>"))
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
        #expect(fragment.hasPrefix("<p class=\"status\" role=\"status\">Agregat dihitung 1 Februari 2024 06.00 WIB · ditampilkan 1 Februari 2024 07.00 WIB · PBB-P2 per tanggal 30 Juni 2023</p>\n<p class=\"warning\" role=\"alert\"><strong>Angka mungkin belum mutakhir.</strong> 2 laporan disimpan setelah konsolidasi terakhir (2024-01-31T23:00:00Z); jalankan rekap consolidate</p>\n<div class=\"cards\">\n"))
        let fresh = DashboardRenderer.fragment(CityDashboard(city: SampleReport.city, year: 2023, generatedAt: SampleReport.generatedAt))
        #expect(fresh.hasPrefix("<p class=\"status\" role=\"status\">Agregat dihitung belum pernah · ditampilkan 1 Februari 2024 07.00 WIB · PBB-P2 per tanggal pembayaran terakhir</p>\n<div class=\"cards\">\n"))
    }

    @Test func leaderboardsAreTheReportsTablesAndCharts() throws {
        for board in Self.dashboard.leaderboards {
            #expect(fragment.contains(HTMLRenderer.table(ReportTable.leaderboard(board), rowsCollapsed: true)), "\(board.id)")
        }
        #expect(fragment.contains(HTMLRenderer.table(ReportTable.medals(Self.dashboard.medals), rowsCollapsed: true)))
        // Under each chart, the rows wait behind a summary; the completeness table has no chart and stays open.
        #expect(fragment.contains("</svg></figure>\n<details class=\"rows\"><summary>Semua 3 baris</summary>\n<div class=\"table-wrap\"><table>"))
        #expect(fragment.contains("</table></div>\n</details>\n</section>\n"))
        #expect(fragment.contains("<section class=\"table\" id=\"completeness-kecamatan\">\n<h3>Laporan 2023 per kecamatan</h3>\n<p class=\"note\">1 dari 2 kecamatan telah mengirim laporan tahunan (FY): tanggal revisi terakhirnya; triwulan yang dikirim; kelurahan dan desa yang mengirim sesuatu.</p>\n<div class=\"table-wrap\">"))
        // The report itself keeps its tables open.
        #expect(!HTMLRenderer.render(SampleReport.report).contains("<details"))
        let order = ["<section class=\"card\" id=\"pbb\" aria-labelledby=\"pbb-h\">\n<h2 id=\"pbb-h\">PBB-P2</h2>\n<section class=\"table\" id=\"rank-pbb-kelurahan\">",
                     "<section class=\"card\" id=\"iku\" aria-labelledby=\"iku-h\">\n<h2 id=\"iku-h\">Capaian IKU</h2>\n<section class=\"table\" id=\"rank-iku\">",
                     "<section class=\"card\" id=\"penyerapan\" aria-labelledby=\"penyerapan-h\">\n<h2 id=\"penyerapan-h\">Penyerapan anggaran</h2>\n<section class=\"table\" id=\"rank-penyerapan\">",
                     "<section class=\"card\" id=\"awards\" aria-labelledby=\"awards-h\">\n<h2 id=\"awards-h\">Penghargaan</h2>\n<section class=\"table\" id=\"rank-awards\">",
                     "<section class=\"card\" id=\"kelengkapan\"", "<section class=\"card\" id=\"temuan\""]
        let positions = try order.map { try #require(fragment.range(of: $0), "\($0)").lowerBound }
        #expect(positions == positions.sorted())
        // The PBB-P2 board's chart: Jaya Mukti at 100%, Tanjung Palas at 88%, Teluk Binjai (no ketetapan) not charted.
        #expect(fragment.contains("<title>Peringkat 1: Jaya Mukti | Baru (14.72.02.1003) 100,00%</title>"))
        #expect(fragment.contains("<title>Peringkat 2: Tanjung Palas (14.72.02.1001) 88,00%</title>"))
        #expect(fragment.contains("<td class=\"num\">1.100.000.000</td>"))
        #expect(!fragment.contains("<title>Peringkat 3: Teluk Binjai"))
    }

    @Test func completenessPerKecamatan() {
        #expect(fragment.contains("<p class=\"note\">1 dari 2 kecamatan telah mengirim laporan tahunan (FY): tanggal revisi terakhirnya; triwulan yang dikirim; kelurahan dan desa yang mengirim sesuatu.</p>"))
        #expect(fragment.contains("<tr><td class=\"region\">Dumai Timur<span class=\"code\">14.72.02</span></td><td>1 Februari 2024 (rev. 2)</td><td>Q3</td><td>1 dari 2</td></tr>\n"))
        #expect(fragment.contains("<tr><td class=\"region\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Sungai&#39;<span class=\"code\">14.72.03</span></td><td class=\"missing\">belum ada</td><td>—</td><td>0 dari 0</td></tr>\n"))
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
        #expect(fragment.contains("<p class=\"note\">1 galat, 1 peringatan pada 1 kiriman, dari revisi terakhir setiap wilayah per periode.</p>\n<ul class=\"findings\">\n"))
        #expect(fragment.contains("<li class=\"sev-error\"><span class=\"sev\">galat</span><strong>Dumai Timur</strong> <span class=\"where\">14.72.02 · FY rev. 2 · kiriman 42</span><br><span class=\"rule\">budget.parent-sum-mismatch</span> <code>/budget/programs/0/pagu</code><p>program &quot;A, B&quot; reports pagu 150000000 but its kegiatan add up to 143512700 (difference 6487300)</p></li>\n"))
        #expect(fragment.contains("<li class=\"sev-warning\"><span class=\"sev\">peringatan</span>"))
        // The findings across documents follow as the last card.
        #expect(fragment.contains("</ul>\n</section>\n<section class=\"card\" id=\"temuan-lintas\""))
        #expect(fragment.hasSuffix("</section>\n</div>\n"))
    }

    @Test func anEmptyCitySaysSo() {
        let empty = DashboardRenderer.fragment(CityDashboard(city: SampleReport.city, year: 2023, generatedAt: SampleReport.generatedAt))
        #expect(empty.contains("<section class=\"card\" id=\"pbb\" aria-labelledby=\"pbb-h\">\n<h2 id=\"pbb-h\">PBB-P2</h2>\n<p class=\"empty\">Belum ada data.</p>\n</section>\n"))
        #expect(empty.contains("<section class=\"table\" id=\"rank-awards\">\n<h3>Klasemen Medali Kelurahan (penghargaan)</h3>\n<p class=\"note\">"))
        #expect(empty.contains("<p class=\"empty\">Tidak ada temuan terbuka.</p>\n</section>\n"))
        #expect(!empty.contains("<svg"))
    }

    @Test func dataIsEscapedEverywhere() {
        #expect(fragment.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Sungai&#39;"))
        #expect(!fragment.contains("alert(\"x\")"))
        #expect(!page.contains("<script>alert"))
    }

    @Test func loginPageAsksForLoginAndPasswordInBothLanguages() {
        let login = DashboardRenderer.loginPage(csrfToken: "rekap_csrf_x")
        #expect(login.contains("""
            <form method="post" action="/login">
            <input type="hidden" name="csrf" value="rekap_csrf_x">
            <label for="login">Nama login</label>
            <input id="login" name="login" type="text" value="" autocomplete="username" autocapitalize="off" spellcheck="false" maxlength="63" required>
            <label for="password">Kata sandi</label>
            <input id="password" name="password" type="password" autocomplete="current-password" maxlength="200" required>
            <button type="submit">Masuk</button>
            </form>
            """))
        #expect(login.contains("<html lang=\"id\">"))
        #expect(!login.contains("<script"))
        #expect(!login.contains("role=\"alert\""))
        let english = DashboardRenderer.loginPage(login: "<b>x</b>", language: .en)
        #expect(english.contains("<html lang=\"en\">") && english.contains("<label for=\"password\">Password</label>") && english.contains("<button type=\"submit\">Log in</button>"))
        // A refilled login is escaped.
        #expect(english.contains("value=\"&lt;b&gt;x&lt;/b&gt;\""))
        #expect(DashboardRenderer.loginPage(message: "That token is <unknown>.").contains("<p class=\"warning\" role=\"alert\">That token is &lt;unknown&gt;.</p>"))
        let password = DashboardRenderer.setPasswordPage()
        #expect(password.contains("<form method=\"post\" action=\"/password\">") && password.contains("name=\"code\"") && password.contains("name=\"repeat\""))
    }

    @Test func theDashboardInEnglishOnRequest() {
        let page = DashboardRenderer.page(Self.dashboard, language: .en)
        #expect(page.contains("<html lang=\"en\">") && page.contains(">Log out</button>") && page.contains("<title>Dashboard Dumai 2023 · rekap</title>"))
        #expect(page.contains("Aggregates computed at 1 February 2024 06:00 WIB · shown at 1 February 2024 07:00 WIB · PBB-P2 as of 30 June 2023</p>"))
        #expect(page.contains("<a href=\"/?year=2023&amp;as_of=2023-06-30&amp;lang=id\" hreflang=\"id\" lang=\"id\">Bahasa Indonesia</a>"))
        #expect(page.contains("<h2 id=\"temuan-h\">Open findings</h2>"))
    }

    @Test func errorPageSaysWhyAndLinksBack() {
        let page = DashboardRenderer.errorPage(title: "Not allowed", message: "A kecamatan token cannot read the city's dashboard & rankings.")
        #expect(page.contains("<h1>Not allowed</h1>\n<p>A kecamatan token cannot read the city&#39;s dashboard &amp; rankings.</p>\n<p><a href=\"/\">Kembali ke dasbor</a> · <a href=\"/login\">Masuk dengan akun lain</a></p>"))
        #expect(page.contains("<title>Not allowed · rekap</title>"))
    }
}
