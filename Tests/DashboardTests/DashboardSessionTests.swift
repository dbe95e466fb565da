import Foundation
import PostgresLibPQ
import RekapStore
import RekapTestSupport
import Testing

/// The dashboard's sessions are server-side records of a person's account (issue #13; before, the
/// cookie was the token itself, `POST /login` had no CSRF or Origin check, logout did not end the
/// session, and an open event stream kept receiving events after its token was revoked).
@Suite(.timeLimit(.minutes(3))) struct DashboardSessionTests {
    static let html = ["Accept": "text/html,application/xhtml+xml"]

    static func cookie(_ session: String) -> [String: String] {
        ["Cookie": "rekap_session=\(session)"].merging(html) { $1 }
    }

    func withRekapd(_ extraArguments: [String] = [], label: String = #function,
                    _ body: (DashboardDatabase, RekapdServer) async throws -> Void) async throws {
        try await DashboardDatabase.with(kecamatan: ["14.72.02"], label: label) { database in
            let rekapd = try await RekapdServer.start(on: database.configuration, extraArguments)
            do {
                try await body(database, rekapd)
            } catch {
                rekapd.child.send(SIGKILL)
                throw error
            }
            try await rekapd.stop()
        }
    }

    /// An event stream of Dumai 2023 opened with `credential` (a header line); returns once it listens.
    static func openStream(_ rekapd: RekapdServer, _ credential: String) throws -> RawHTTPStream {
        let stream = try RawHTTPStream(port: rekapd.process.port, request: """
            GET /events?city=14.72&year=2023 HTTP/1.1\r
            Host: 127.0.0.1\r
            \(credential)\r
            Accept: text/event-stream\r
            \r

            """)
        #expect(stream.read(until: ": listening for 14.72 2023\n\n", seconds: 30), "\(stream.received)")
        return stream
    }

    /// Whether `stream`'s answer ends (its last chunk comes, or the connection closes) within `seconds`.
    static func ends(_ stream: RawHTTPStream, within seconds: Double) -> Bool {
        stream.read(seconds: seconds) { $0.received.hasSuffix("\r\n0\r\n\r\n") } || stream.waitForClose(seconds: 0.01)
    }

    static func revoke(_ secret: String, _ database: DashboardDatabase) async throws {
        try await database.client.withConnection { conn in
            guard case .valid(_, let id) = try TokenStore.check(secret: secret, at: Date(), on: conn) else { return }
            _ = try TokenStore.revoke(id: id, at: Date(), on: conn)
        }
    }

    @Test func theCookieIsARandomSessionStoredHashedAndLogoutEndsIt() async throws {
        try await withRekapd { database, rekapd in
            let account = database.accounts.bappeda
            let (answer, cookie) = try await rekapd.login(account)
            #expect(answer.status == 303)
            let session = try #require(cookie, "\(answer.headers)")
            #expect(!session.contains(account.password))
            #expect(TokenSecret.isWellFormed(session, prefix: "rekap_session_"))
            // Only its hash is stored, tied to the account that logged in (no token).
            let stored = try await database.client.withConnection { conn in
                try conn.queryValue(Int.self, """
                    SELECT count(*)::int FROM web_session s JOIN person_account a ON a.id = s.account_id
                     WHERE s.secret_hash = sha256(convert_to(\(session), 'UTF8'))
                       AND a.login = \(account.login) AND s.token_id IS NULL
                       AND s.expires_at > now() AND s.revoked_at IS NULL
                    """)
            }
            #expect(stored == 1)
            #expect(try await rekapd.request("/", headers: Self.cookie(session)).status == 200)
            // Two logins are two sessions.
            let other = try #require(try await rekapd.login(account).session)
            #expect(other != session)

            // Logout ends the session on the server: the same cookie, sent again, is refused.
            let out = try await rekapd.request("/logout", method: "POST", headers: Self.cookie(session))
            #expect(out.status == 303)
            let after = try await rekapd.request("/", headers: Self.cookie(session))
            #expect(after.status == 303 && after.header("Location")?.hasPrefix("/login?m=") == true, "\(after.status)")
            #expect(try await rekapd.request("/fragment", headers: ["Cookie": "rekap_session=\(session)"]).status == 401)
            // The other session lives on.
            #expect(try await rekapd.request("/", headers: Self.cookie(other)).status == 200)
        }
    }

    @Test func loginNeedsTheFormsAntiForgeryTokenAndItsOwnOrigin() async throws {
        try await withRekapd { database, rekapd in
            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            let account = database.accounts.bappeda
            // A page of another site can post the login fields, but cannot know the form's token.
            var answer = try await rekapd.request("/login", method: "POST", headers: form,
                                                  body: Data("login=\(account.login)&password=\(LoginForm.encoded(account.password))".utf8))
            #expect(answer.status == 403)
            #expect(LoginForm.cookie("rekap_session", in: answer.header("Set-Cookie")) == nil)
            // A token in the field without its cookie (or another cookie) is refused too.
            let page = try await rekapd.request("/login")
            let csrf = try #require(LoginForm.csrfToken(in: page.body))
            #expect(LoginForm.cookie("rekap_login", in: page.header("Set-Cookie")) == csrf)
            #expect(page.header("Set-Cookie")?.contains("HttpOnly") == true && page.header("Set-Cookie")?.contains("SameSite=Strict") == true)
            let body = Data(LoginForm.body(account, csrf: csrf).utf8)
            answer = try await rekapd.request("/login", method: "POST", headers: form, body: body)
            #expect(answer.status == 403)
            answer = try await rekapd.request("/login", method: "POST", headers: form.merging(["Cookie": "rekap_login=rekap_csrf_\(String(repeating: "A", count: 43))"]) { $1 }, body: body)
            #expect(answer.status == 403)
            // From another origin: refused even with both.
            let withCookie = form.merging(["Cookie": "rekap_login=\(csrf)"]) { $1 }
            answer = try await rekapd.request("/login", method: "POST", headers: withCookie.merging(["Origin": "https://evil.example"]) { $1 }, body: body)
            #expect(answer.status == 403)
            #expect(LoginForm.cookie("rekap_session", in: answer.header("Set-Cookie")) == nil)
            // From this origin, with both: logged in.
            answer = try await rekapd.request("/login", method: "POST", headers: withCookie.merging(["Origin": rekapd.base]) { $1 }, body: body)
            #expect(answer.status == 303)
            #expect(LoginForm.cookie("rekap_session", in: answer.header("Set-Cookie"))?.hasPrefix("rekap_session_") == true)
        }
    }

    @Test func disablingTheAccountEndsItsSessionsAndClosesTheirEventStreams() async throws {
        try await withRekapd(["--session-check-seconds", "1"]) { database, rekapd in
            let session = try #require(try await rekapd.login(database.accounts.bappeda).session)
            let loggedOut = try #require(try await rekapd.login(database.accounts.bappeda).session)
            let bySession = try Self.openStream(rekapd, "Cookie: rekap_session=\(session)")
            let byLoggedOut = try Self.openStream(rekapd, "Cookie: rekap_session=\(loggedOut)")
            let byBearer = try Self.openStream(rekapd, "Authorization: Bearer \(database.bappeda)")

            // Logout closes that session's stream, not the others.
            #expect(try await rekapd.request("/logout", method: "POST", headers: Self.cookie(loggedOut)).status == 303)
            #expect(Self.ends(byLoggedOut, within: 20), "the logged-out session's stream is still open")
            #expect(!Self.ends(bySession, within: 2.5) && !Self.ends(byBearer, within: 0.1))

            // Disabling the account ends its sessions and closes their streams within the check interval;
            // revoking the token closes the bearer's.
            try await database.client.withConnection { conn in
                _ = try AccountStore.disable(login: database.accounts.bappeda.login, at: Date(), on: conn)
            }
            #expect(Self.ends(bySession, within: 20), "the disabled account's session stream is still open")
            try await Self.revoke(database.bappeda, database)
            #expect(Self.ends(byBearer, within: 20), "the revoked token's bearer stream is still open")
            #expect(!bySession.received.contains("event: consolidated"))
            let page = try await rekapd.request("/", headers: Self.cookie(session))
            #expect(page.status == 303 && page.header("Location") == "/login?m=revoked")
        }
    }
}
