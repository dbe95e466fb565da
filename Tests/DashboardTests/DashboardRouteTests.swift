import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

/// The dashboard's routes over HTTP on a real `rekapd` and database: who may read it, the login
/// cookie, the query, and what the page holds.
@Suite(.timeLimit(.minutes(10))) struct DashboardRouteTests {
    static let html = ["Accept": "text/html,application/xhtml+xml"]

    static func bearer(_ secret: String, html: Bool = false) -> [String: String] {
        ["Authorization": "Bearer \(secret)"].merging(html ? Self.html : [:]) { $1 }
    }

    static func cookie(_ secret: String) -> [String: String] {
        ["Cookie": "rekap_session=\(secret)"].merging(html) { $1 }
    }

    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    func withRekapd(kecamatan: [String] = DashboardDatabase.allKecamatan, label: String = #function,
                    _ body: (DashboardDatabase, RekapdServer) async throws -> Void) async throws {
        try await DashboardDatabase.with(kecamatan: kecamatan, label: label) { database in
            try await RekapdServer.run(on: database.configuration) { try await body(database, $0) }
        }
    }

    @Test func whoMayReadIt() async throws {
        try await withRekapd(kecamatan: []) { database, rekapd in
            // No token: a browser goes to the login form, anything else gets 401.
            var answer = try await rekapd.request("/", headers: Self.html)
            #expect(answer.status == 303)
            #expect(answer.header("Location") == "/login")
            answer = try await rekapd.request("/")
            #expect(answer.status == 401)
            #expect(answer.header("WWW-Authenticate") == "Bearer realm=\"rekap\"")
            #expect(answer.body == "A Bappeda account or token is required: log in at /login, or send Authorization: Bearer TOKEN.\n")
            // The fragment and the event stream never redirect: the page's script handles their 401.
            for path in ["/fragment", "/events?city=14.72&year=2023"] {
                #expect(try await rekapd.request(path, headers: Self.html).status == 401, "\(path)")
            }

            // Other roles: 403, in words.
            for secret in [database.kecamatan, database.revenue] {
                answer = try await rekapd.request("/", headers: Self.bearer(secret, html: true))
                #expect(answer.status == 403)
                #expect(answer.header("Content-Type") == "text/html; charset=utf-8")
                #expect(answer.body.contains("<h1>Tidak diizinkan</h1>"))
            }
            answer = try await rekapd.request("/", headers: Self.bearer(database.kecamatan))
            #expect(answer.status == 403)
            #expect(answer.body == "The dashboard is for Bappeda: a kecamatan token or account (14.72.07) cannot read the city's rankings.\n")
            // Another city's Bappeda never follows Dumai.
            answer = try await rekapd.request("/events?city=14.72&year=2023", headers: Self.bearer(database.otherBappeda))
            #expect(answer.status == 403)
            #expect(answer.body == "A Bappeda token of 14.71 cannot follow 14.72.\n")

            // An Authorization header that is not Bearer TOKEN is a malformed token, as on the API.
            for header in ["Basic dXNlcjpwYXNz", "Bearer ", "Bearer"] {
                answer = try await rekapd.request("/", headers: ["Authorization": header])
                #expect(answer.status == 401, "\(header)")
                #expect(answer.body.hasPrefix("That is not a rekap token"), "\(header)")
            }

            // A revoked token says so; a browser whose account was disabled goes back to the form, cookie cleared.
            answer = try await rekapd.request("/", headers: Self.bearer(database.revoked))
            #expect(answer.status == 401)
            #expect(answer.body == "That token or session was ended.\n")
            let session = try #require(try await rekapd.login(database.accounts.bappeda).session)
            try await database.client.withConnection { conn in
                _ = try AccountStore.disable(login: database.accounts.bappeda.login, at: Date(), on: conn)
            }
            answer = try await rekapd.request("/", headers: Self.cookie(session))
            #expect(answer.status == 303)
            #expect(answer.header("Location") == "/login?m=revoked")
            #expect(answer.header("Set-Cookie")?.hasPrefix("rekap_session=;") == true)
            #expect(answer.header("Set-Cookie")?.contains("Max-Age=0") == true)
            #expect(try await rekapd.request("/login?m=revoked").body
                .contains("<p class=\"warning\" role=\"alert\">Sesi Anda telah berakhir; silakan masuk lagi.</p>"))
            // Nothing from the address is echoed into the page.
            #expect(try await !rekapd.request("/login?m=%3Cscript%3E").body.contains("role=\"alert\""))
        }
    }

    @Test func loginSetsAStrictHttpOnlyCookieAndLogoutClearsIt() async throws {
        try await withRekapd(kecamatan: []) { database, rekapd in
            var (answer, session) = try await rekapd.login(database.accounts.bappeda)
            #expect(answer.status == 303)
            #expect(answer.header("Location") == "/")
            let cookie = try #require(answer.header("Set-Cookie"))
            let secret = try #require(session)
            #expect(secret.hasPrefix("rekap_session_") && !secret.contains(database.accounts.bappeda.password))
            #expect(cookie.hasPrefix("rekap_session=\(secret);"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.hasPrefix("rekap_session=\(secret); Max-Age") && !cookie.contains("Secure"))
            // Behind an HTTPS proxy the cookie is Secure too.
            (answer, _) = try await rekapd.login(database.accounts.bappeda, headers: ["X-Forwarded-Proto": "https"])
            #expect(answer.header("Set-Cookie")?.contains("Secure") == true)

            answer = try await rekapd.request("/", headers: Self.cookie(secret))
            #expect(answer.status == 200)
            #expect(answer.body.contains("<h1>Kota Dumai 2023</h1>"))

            // A kecamatan operator logs in too, lands on the forms, and cannot read the dashboard.
            (answer, session) = try await rekapd.login(database.accounts.kecamatan)
            #expect(answer.status == 303)
            #expect(answer.header("Location") == "/forms")
            let operatorSession = try #require(session)
            answer = try await rekapd.request("/", headers: Self.cookie(operatorSession))
            #expect(answer.status == 403)
            #expect(answer.body.contains("Dasbor ini untuk Bappeda"))
            (answer, session) = try await rekapd.login(TestAccount(id: 0, login: "tidak-ada", password: "salah-sekali-123"))
            #expect(answer.status == 401)
            #expect(session == nil)
            #expect(answer.body.contains("Nama login atau kata sandi salah"))

            answer = try await rekapd.request("/logout", method: "POST", headers: Self.cookie(secret))
            #expect(answer.status == 303)
            #expect(answer.header("Location") == "/login?m=logged-out")
            #expect(answer.header("Set-Cookie")?.hasPrefix("rekap_session=;") == true)
            #expect(try await rekapd.request("/login?m=logged-out").body.contains("Anda sudah keluar."))
            #expect(try await rekapd.request("/login?m=logged-out&lang=en").body.contains("You are logged out."))
        }
    }

    @Test func thePageShowsTheCitysLeaderboardsSelfContained() async throws {
        try await withRekapd { database, rekapd in
            let expected = try await database.client.withConnection { connection in
                try Rankings.iku(city: DashboardDatabase.city, year: 2023, on: connection)
            }
            let answer = try await rekapd.request("/", headers: Self.bearer(database.bappeda))
            #expect(answer.status == 200)
            #expect(answer.header("Cache-Control") == "no-store")
            let policy = try #require(answer.header("Content-Security-Policy"))
            #expect(policy.hasPrefix("default-src 'none';"))
            // Only the page's own script runs (the browser test shows it does run under this policy).
            #expect(policy.contains("script-src 'sha256-") && !policy.contains("script-src 'unsafe-inline'"))
            let page = answer.body
            #expect(page.hasPrefix("<!DOCTYPE html>"))
            #expect(page.contains("data-events=\"/events?city=14.72&amp;year=2023\""))
            // Every IKU board row as rekap rank iku ranks it, best first.
            #expect(!expected.rows.isEmpty)
            for row in expected.rows {
                let rank = row.rank.map(String.init) ?? "—"
                #expect(page.contains("<tr><td class=\"num\">\(rank)</td><td class=\"region\">\(HTMLEscape.text(row.name))<span class=\"code\">\(row.region)</span></td><td class=\"num\">\(row.value.map { LocalizedNumber.grouped($0, .id) } ?? "—")</td>"), "\(row.region)")
            }
            #expect(page.contains("7 dari 7 kecamatan telah mengirim laporan tahunan (FY)"))
            #expect(!page.contains("<link") && !page.contains("src="))
        }
    }

    @Test func theQueryPicksTheYearAndThePBBDay() async throws {
        try await withRekapd(kecamatan: ["14.72.01", "14.72.03"]) { database, rekapd in
            let token = Self.bearer(database.bappeda)
            var answer = try await rekapd.request("/fragment?year=2023&as_of=2023-03-31", headers: token)
            #expect(answer.status == 200)
            #expect(answer.body.hasPrefix("<p class=\"status\" role=\"status\">Agregat dihitung "))
            #expect(answer.body.contains(" WIB · ditampilkan "))
            #expect(answer.body.contains("PBB-P2 per tanggal 31 Maret 2023</p>"))
            #expect(answer.body.contains("<h3>Realisasi PBB-P2 2023 (%) per kelurahan, per tanggal 31 Maret 2023</h3>"))
            #expect(!answer.body.contains("<!DOCTYPE"))
            // An empty as_of is the plain form's "latest"; no year is the newest consolidated one.
            answer = try await rekapd.request("/?year=2023&as_of=", headers: token)
            #expect(answer.status == 200)
            #expect(answer.body.contains("<h3>Realisasi PBB-P2 2023 (%) per kelurahan</h3>"))
            #expect(try await rekapd.request("/", headers: token).body.contains("<input type=\"number\" name=\"year\" value=\"2023\""))

            answer = try await rekapd.request("/?as_of=2023-02-30", headers: token)
            #expect(answer.status == 400)
            #expect(answer.body.hasPrefix("as_of: \""))
            #expect(answer.body.hasSuffix("has 28 days, so day 30 does not exist (expected YYYY-MM-DD)\n"))
            answer = try await rekapd.request("/?year=23", headers: Self.bearer(database.bappeda, html: true))
            #expect(answer.status == 400)
            #expect(answer.body.contains("<p>year: &quot;23&quot; is not a year from 1900 to 2999</p>"))
            answer = try await rekapd.request("/events?city=14.72.02&year=2023", headers: token)
            #expect(answer.status == 400)
            #expect(answer.body.hasPrefix("city: 14.72.02 is a kecamatan code"))
        }
    }
}
