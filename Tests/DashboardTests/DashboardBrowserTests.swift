import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

/// The dashboard in a real headless Chromium against a real `rekapd`: log in through the form, watch
/// the page, submit a kecamatan's report over the API, and see the page's script swap in the new
/// ranking without a reload; on a 375 px phone screen nothing scrolls sideways. Screenshots are kept
/// as CI artifacts (`.ci/artifacts/dashboard.png`, `dashboard-full.png`, `dashboard-desktop.png`).
@Suite(.serialized, .timeLimit(.minutes(10))) struct DashboardBrowserTests {
    /// CI artifacts: the first screen on a phone, the whole page on a phone, the first screen on a desktop.
    static let artifacts = RepositoryFiles.root.appendingPathComponent(".ci/artifacts")
    static let late = "14.72.07"

    /// The IKU board as Chromium shows it: rank, code and value of each row.
    static let ikuRows = """
        JSON.stringify([...document.querySelectorAll('#rank-iku tbody tr')].map(tr =>
          [tr.cells[0].textContent, tr.cells[1].querySelector('.code').textContent, tr.cells[2].textContent]))
        """

    /// Elements wider than the screen, or scrolling sideways, at the current viewport.
    static let sidewaysOverflow = """
        JSON.stringify({page: document.documentElement.scrollWidth, screen: window.innerWidth,
          scrolling: [...document.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1
              && getComputedStyle(e).overflowX !== 'visible' && e !== document.documentElement && e !== document.body)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : ''))})
        """

    @Test(.enabled(if: Chromium.executable != nil, "Chromium is not installed (apt-get install -y chromium); the browser test is skipped"))
    func aSubmissionShowsUpOnTheOpenDashboard() async throws {
        let kecamatan = DashboardDatabase.allKecamatan.filter { $0 != Self.late }
        try await DashboardDatabase.with(kecamatan: kecamatan) { database in
            let rekapd = try await RekapdServer.start(on: database.configuration)
            let chromium = try Chromium(executable: Chromium.executable!)
            defer { chromium.quit() }
            try chromium.setViewport(width: 375, height: 812, mobile: true)

            // Not logged in: the browser lands on the login form, and a Bappeda officer logs in with an account.
            try await chromium.navigate(rekapd.base + "/")
            #expect(try chromium.evaluate("location.pathname") as? String == "/login")
            let account = database.accounts.bappeda
            _ = try chromium.evaluate("""
                document.getElementById('login').value = \(jsString(account.login));
                document.getElementById('password').value = \(jsString(account.password));
                document.querySelector('form').submit(); true
                """)
            try await chromium.waitFor("the dashboard after logging in") {
                try chromium.evaluate("location.pathname === '/' && document.readyState === 'complete' && !!document.getElementById('dashboard')") as? Bool == true ? true : nil
            }
            #expect(try chromium.evaluate("document.cookie") as? String == "", "the session cookie is HttpOnly")
            #expect(try chromium.evaluate("document.querySelector('#kelengkapan .note').textContent.startsWith('6 of 7 kecamatan')") as? Bool == true)
            // Dumai Selatan has not reported: listed last, unranked.
            let unranked = "[\"—\",\"\(Self.late)\",\"—\"]"
            let before = try #require(try chromium.evaluate(Self.ikuRows) as? String)
            #expect(before.hasSuffix(unranked + "]"))
            // Once the page's event stream is open, mark the page: the update must come without a reload.
            try await chromium.waitFor("the page's script to fetch its first fragment") {
                try chromium.evaluate("document.getElementById('dashboard').hasAttribute('data-refreshed')") as? Bool == true ? true : nil
            }
            _ = try chromium.evaluate("window.rekapMarker = 'same page'; true")

            // Dumai Selatan submits its report over the API; rekapd consolidates and the page follows.
            let submittedAt = ContinuousClock.now
            let submitted = try await rekapd.request(
                "/v1/submissions", method: "POST",
                headers: ["Authorization": "Bearer \(database.kecamatan)", "Content-Type": "application/json"],
                body: Data(try DashboardDatabase.demoSubmission(Self.late)))
            #expect((200..<300).contains(submitted.status), "POST /v1/submissions: \(submitted.status) \(submitted.body)")
            try await chromium.waitFor("Dumai Selatan ranked on the IKU board", within: .seconds(90)) {
                let rows = try chromium.evaluate(Self.ikuRows) as? String
                return rows?.contains(Self.late) == true && rows?.contains(unranked) == false ? true : nil
            }
            // A figure for the log, not a timed assertion: how long the open page took to show it.
            print("DashboardBrowserTests: the open dashboard showed the new ranking \(ContinuousClock.now - submittedAt) after POST /v1/submissions was sent")
            #expect(try chromium.evaluate("window.rekapMarker") as? String == "same page")
            #expect(try chromium.evaluate("document.querySelector('#kelengkapan .note').textContent.startsWith('7 of 7 kecamatan')") as? Bool == true)

            // The board is the ranking rekap rank iku computes now.
            let expected = try await database.client.withConnection { connection in
                try Rankings.iku(city: DashboardDatabase.city, year: 2023, on: connection)
            }
            let shown = try #require(try chromium.evaluate(Self.ikuRows) as? String)
            let expectedRows = expected.rows.map { [$0.rank.map(String.init) ?? "—", $0.region.text, $0.value ?? "—"] }
            #expect(shown == String(decoding: try JSONSerialization.data(withJSONObject: expectedRows), as: UTF8.self))

            // A phone screen: nothing wider than the screen, nothing scrolling sideways.
            let overflow = try #require(try chromium.evaluate(Self.sidewaysOverflow) as? String)
            #expect(overflow == "{\"page\":375,\"screen\":375,\"scrolling\":[]}")
            try chromium.screenshot(to: Self.artifacts.appendingPathComponent("dashboard.png"))
            try chromium.screenshot(to: Self.artifacts.appendingPathComponent("dashboard-full.png"), fullPage: true)
            try chromium.setViewport(width: 1280, height: 900, mobile: false)
            try chromium.screenshot(to: Self.artifacts.appendingPathComponent("dashboard-desktop.png"))
            for name in ["dashboard.png", "dashboard-full.png", "dashboard-desktop.png"] {
                #expect(FileManager.default.fileExists(atPath: Self.artifacts.appendingPathComponent(name).path), "\(name)")
            }

            // The as-of picker is a plain GET form: the browser builds the query, the server ranks as of that day.
            _ = try chromium.evaluate("""
                document.querySelector('input[name=as_of]').value = '2023-06-30'; document.querySelector('form.controls').submit(); true
                """)
            try await chromium.waitFor("the dashboard as of 2023-06-30") {
                try chromium.evaluate("location.search === '?year=2023&as_of=2023-06-30' && document.readyState === 'complete'") as? Bool == true ? true : nil
            }
            #expect(try chromium.evaluate("document.querySelector('#rank-pbb-kelurahan h3').textContent") as? String
                == "PBB-P2 2023 realisasi % per kelurahan as of 2023-06-30")
            #expect(try chromium.evaluate("document.querySelector('input[name=as_of]').value") as? String == "2023-06-30")

            // rekapd stops on SIGTERM even with the page's event stream open.
            try await rekapd.stop()
        }
    }
}

/// `text` as a JavaScript string literal.
func jsString(_ text: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
}
