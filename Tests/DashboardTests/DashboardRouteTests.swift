import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapServer
import RekapStore
import RekapTestSupport
import Testing

/// The dashboard's routes through Hummingbird's router test client, on a real database: who may read
/// it, the login cookie, the query, and what the page holds.
@Suite struct DashboardRouteTests {
    static let browser: HTTPFields = [.accept: "text/html,application/xhtml+xml"]

    static func bearer(_ secret: String, html: Bool = false) -> HTTPFields {
        var headers: HTTPFields = [.authorization: "Bearer \(secret)"]
        if html { headers[.accept] = "text/html" }
        return headers
    }

    static func cookie(_ secret: String) -> HTTPFields {
        [.cookie: "rekap_session=\(secret)", .accept: "text/html"]
    }

    func withApp(kecamatan: [String] = DashboardDatabase.allKecamatan, label: String = #function,
                 _ body: @escaping @Sendable (DashboardDatabase, any TestClientProtocol) async throws -> Void) async throws {
        try await DashboardDatabase.with(kecamatan: kecamatan, label: label) { database in
            let app = buildApplication(ServerDependencies(
                client: database.client, settings: ServerSettings(host: "127.0.0.1", port: 0), workerID: "dashboard-test",
                logger: Logger(label: "dashboard-test")))
            try await app.test(.router) { client in try await body(database, client) }
        }
    }

    @Test func withoutATokenBrowsersGoToTheLoginFormOthersGet401() async throws {
        try await withApp(kecamatan: []) { _, client in
            try await client.execute(uri: "/", method: .get, headers: Self.browser) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login")
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"rekap\"")
                #expect(String(buffer: response.body) == "A Bappeda token is required: Authorization: Bearer TOKEN, or log in at /login.\n")
            }
            // The fragment and the event stream never redirect: the page's script handles their 401.
            for uri in ["/fragment", "/events?city=14.72&year=2023"] {
                try await client.execute(uri: uri, method: .get, headers: Self.browser) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                }
            }
        }
    }

    @Test func otherRolesGet403() async throws {
        try await withApp(kecamatan: []) { database, client in
            for secret in [database.kecamatan, database.revenue] {
                try await client.execute(uri: "/", method: .get, headers: Self.bearer(secret, html: true)) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(String(buffer: response.body).contains("<h1>Not allowed</h1>"))
                }
            }
            try await client.execute(uri: "/", method: .get, headers: Self.bearer(database.kecamatan)) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body) == "The dashboard is for Bappeda: a kecamatan token (14.72.07) cannot read the city's rankings.\n")
            }
            // Another city's Bappeda reads its own city, never Dumai's events.
            try await client.execute(uri: "/events?city=14.72&year=2023", method: .get, headers: Self.bearer(database.otherBappeda)) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body) == "A Bappeda token of 14.71 cannot follow 14.72.\n")
            }
        }
    }

    @Test func refusedTokensSayWhy() async throws {
        try await withApp(kecamatan: []) { database, client in
            try await client.execute(uri: "/", method: .get, headers: Self.bearer(database.revoked)) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body) == "That token was revoked; ask for a new one.\n")
            }
            // A browser whose session token was revoked goes back to the login form, its cookie cleared.
            try await client.execute(uri: "/", method: .get, headers: Self.cookie(database.revoked)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?m=revoked")
                #expect(response.headers[.setCookie]?.hasPrefix("rekap_session=; Max-Age=0; Path=/;") == true)
            }
            try await client.execute(uri: "/login?m=revoked", method: .get) { response in
                #expect(String(buffer: response.body).contains("<p class=\"warning\" role=\"alert\">That token was revoked; ask for a new one.</p>"))
            }
            // Nothing from the address is echoed into the page.
            try await client.execute(uri: "/login?m=%3Cscript%3E", method: .get) { response in
                #expect(!String(buffer: response.body).contains("role=\"alert\""))
            }
        }
    }

    @Test func loginSetsAStrictHttpOnlyCookieAndLogoutClearsIt() async throws {
        try await withApp(kecamatan: []) { database, client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/login", method: .post, headers: form,
                                     body: ByteBuffer(string: "token=\(database.bappeda)")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.hasPrefix("rekap_session=\(database.bappeda);"))
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Path=/"))
                #expect(!cookie.contains("Max-Age"))
            }
            try await client.execute(uri: "/", method: .get, headers: Self.cookie(database.bappeda)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>Kota Dumai 2023</h1>"))
            }
            try await client.execute(uri: "/login", method: .post, headers: form,
                                     body: ByteBuffer(string: "token=\(database.kecamatan)")) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.setCookie] == nil)
                #expect(String(buffer: response.body).contains("That is a kecamatan token (14.72.07); the dashboard needs a Bappeda token."))
            }
            try await client.execute(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "token=not+a+token")) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("That is not a rekap token"))
            }
            try await client.execute(uri: "/logout", method: .post, headers: Self.cookie(database.bappeda)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?m=logged-out")
                #expect(response.headers[.setCookie]?.hasPrefix("rekap_session=; Max-Age=0; Path=/;") == true)
            }
        }
    }

    @Test func thePageShowsTheCitysLeaderboardsSelfContained() async throws {
        try await withApp { database, client in
            let expected = try await database.client.withConnection { connection in
                try Rankings.iku(city: DashboardDatabase.city, year: 2023, on: connection)
            }
            try await client.execute(uri: "/", method: .get, headers: Self.bearer(database.bappeda)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none';") == true)
                let page = String(buffer: response.body)
                #expect(page.hasPrefix("<!DOCTYPE html>"))
                #expect(page.contains("data-events=\"/events?city=14.72&amp;year=2023\""))
                // Every IKU board row as rekap rank iku ranks it, best first.
                for row in expected.rows {
                    let rank = row.rank.map(String.init) ?? "—"
                    #expect(page.contains("<tr><td class=\"num\">\(rank)</td><td class=\"region\">\(HTMLEscape.text(row.name))<span class=\"code\">\(row.region)</span></td><td class=\"num\">\(row.value ?? "—")</td>"), "\(row.region)")
                }
                #expect(page.contains("7 of 7 kecamatan submitted the annual report (FY)"))
                #expect(!page.contains("<link") && !page.contains("src="))
            }
        }
    }

    @Test func theQueryPicksTheYearAndThePBBDay() async throws {
        try await withApp(kecamatan: ["14.72.01", "14.72.03"]) { database, client in
            try await client.execute(uri: "/fragment?year=2023&as_of=2023-03-31", method: .get, headers: Self.bearer(database.bappeda)) { response in
                #expect(response.status == .ok)
                let fragment = String(buffer: response.body)
                #expect(fragment.hasPrefix("<p class=\"status\">Aggregates computed at "))
                #expect(fragment.contains("PBB-P2 as of 2023-03-31</p>"))
                #expect(fragment.contains("<h3>PBB-P2 2023 realisasi % per kelurahan as of 2023-03-31</h3>"))
                #expect(!fragment.contains("<!DOCTYPE"))
            }
            // An empty as_of is the plain form's "latest".
            try await client.execute(uri: "/?year=2023&as_of=", method: .get, headers: Self.bearer(database.bappeda)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h3>PBB-P2 2023 realisasi % per kelurahan</h3>"))
            }
            // No year: the newest consolidated one.
            try await client.execute(uri: "/", method: .get, headers: Self.bearer(database.bappeda)) { response in
                #expect(String(buffer: response.body).contains("<input type=\"number\" name=\"year\" value=\"2023\""))
            }
            try await client.execute(uri: "/?as_of=2023-02-30", method: .get, headers: Self.bearer(database.bappeda)) { response in
                #expect(response.status == .badRequest)
                let message = String(buffer: response.body)
                #expect(message.hasPrefix("as_of: \""))
                #expect(message.hasSuffix("has 28 days, so day 30 does not exist (expected YYYY-MM-DD)\n"))
            }
            try await client.execute(uri: "/?year=23", method: .get, headers: Self.bearer(database.bappeda, html: true)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("<p>year: &quot;23&quot; is not a year from 1900 to 2999</p>"))
            }
            try await client.execute(uri: "/events?city=14.72.02&year=2023", method: .get, headers: Self.bearer(database.bappeda)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).hasPrefix("city: 14.72.02 is a kecamatan code"))
            }
        }
    }
}
