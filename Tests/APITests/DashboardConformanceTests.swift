import Foundation
import PostgresLibPQ
import RekapDomain
import RekapTestSupport
import Testing

/// Bappeda's dashboard routes against `openapi/rekap.json`: every status each documents (but 503, the
/// database gone), reached the ways browsers and scripts reach it (bearer token, session cookie,
/// none). ``APIClient`` checks each answer's status, content type and required headers against the
/// document; the expectations here say which documented answer each request must get.
@Suite(.timeLimit(.minutes(10))) struct DashboardConformanceTests {
    static let browser = ["Accept": "text/html,application/xhtml+xml"]
    static let form = ["Content-Type": "application/x-www-form-urlencoded"]
    static let malformed = "not-a-token"

    static func session(_ secret: String, browser: Bool = true) -> [String: String] {
        ["Cookie": "rekap_session=\(secret)"].merging(browser ? Self.browser : [:]) { $1 }
    }

    /// The login form's anti-forgery token (GET /login; the same value is its rekap_login cookie).
    static func csrf(_ client: APIClient) async throws -> String {
        let form = try await client.send("GET", "/login")
        #expect(LoginForm.cookie("rekap_login", in: form.headers["set-cookie"]) != nil)
        return try #require(LoginForm.csrfToken(in: form.text))
    }

    /// POST /login as the form sends it, with its anti-forgery token and cookie.
    static func postLogin(_ client: APIClient, _ body: String, csrf: String) async throws -> APIResponse {
        try await client.send("POST", "/login", body: Array(("csrf=\(csrf)&" + body).utf8),
                              headers: ["Content-Type": form["Content-Type"]!, "Cookie": "rekap_login=\(csrf)"])
    }

    /// A Bappeda officer of Dumai with a password (a person's account; the dashboard's login is by account).
    static func bappedaAccount(_ server: APIServer) throws -> TestAccount {
        let conn = try PGConnection(configuration: server.configuration)
        defer { conn.close() }
        return try createTestAccount(.bappeda, "14.72", login: "bappeda.dumai", on: conn)
    }

    /// The login form's fields for `account`.
    static func fields(_ account: TestAccount, password: String? = nil) -> String {
        "login=\(LoginForm.encoded(account.login))&password=\(LoginForm.encoded(password ?? account.password))"
    }

    /// Logs in with `account`; the session cookie's value.
    static func login(_ client: APIClient, _ account: TestAccount) async throws -> String {
        let answer = try await postLogin(client, fields(account), csrf: try await csrf(client))
        return try #require(LoginForm.cookie("rekap_session", in: answer.headers["set-cookie"]), "\(answer.status) \(answer.text)")
    }

    @Test func thePageAndItsFragment() async throws {
        try await APIServer.with { server in
            let client = server.client, tokens = server.tokens
            let session = try await Self.login(client, try Self.bappedaAccount(server))
            var answer = try await client.send("GET", "/?year=2023&as_of=2023-06-30", headers: Self.session(session))
            #expect(answer.status == 200 && answer.text.hasPrefix("<!DOCTYPE html>"), "\(answer.text)")
            answer = try await client.send("GET", "/?year=&as_of=", token: tokens.bappeda)
            #expect(answer.status == 200)

            // Without a usable token a browser goes to the login form (a refused cookie cleared), a script gets 401.
            answer = try await client.send("GET", "/", headers: Self.browser)
            #expect(answer.status == 303 && answer.headers["location"] == "/login")
            answer = try await client.send("GET", "/", headers: Self.session(Self.malformed))
            #expect(answer.status == 303 && answer.headers["location"] == "/login?m=malformed")
            #expect(answer.headers["set-cookie"]?.hasPrefix("rekap_session=;") == true)
            answer = try await client.send("GET", "/")
            #expect(answer.status == 401 && answer.headers["content-type"] == "text/plain; charset=utf-8")
            answer = try await client.send("GET", "/", headers: Self.session(Self.malformed, browser: false))
            #expect(answer.status == 401 && answer.headers["set-cookie"]?.hasPrefix("rekap_session=;") == true)

            answer = try await client.send("GET", "/", token: tokens.kecamatan, headers: Self.browser)
            #expect(answer.status == 403 && answer.headers["content-type"] == "text/html; charset=utf-8")
            answer = try await client.send("GET", "/?as_of=2023-02-30", token: tokens.bappeda)
            #expect(answer.status == 400 && answer.text.hasPrefix("as_of: "))
            answer = try await client.send("GET", "/?year=23", token: tokens.bappeda, headers: Self.browser)
            #expect(answer.status == 400 && answer.headers["content-type"] == "text/html; charset=utf-8")

            // The fragment never redirects: its 401 is a page for a browser's script to handle.
            answer = try await client.send("GET", "/fragment?year=2023", token: tokens.bappeda)
            #expect(answer.status == 200 && !answer.text.contains("<!DOCTYPE"))
            answer = try await client.send("GET", "/fragment", headers: Self.browser)
            #expect(answer.status == 401 && answer.headers["content-type"] == "text/html; charset=utf-8")
            answer = try await client.send("GET", "/fragment", token: tokens.revenue)
            #expect(answer.status == 403)
            answer = try await client.send("GET", "/fragment?year=nineteen", headers: Self.session(session))
            #expect(answer.status == 400)
        }
    }

    @Test func loginAndLogout() async throws {
        try await APIServer.with { server in
            let client = server.client
            var answer = try await client.send("GET", "/login")
            #expect(answer.status == 200 && answer.text.contains("name=\"password\""))
            answer = try await client.send("GET", "/login?m=logged-out&lang=en")
            #expect(answer.status == 200 && answer.text.contains("You are logged out."))
            let account = try Self.bappedaAccount(server)

            let csrf = try await Self.csrf(client)
            answer = try await Self.postLogin(client, Self.fields(account), csrf: csrf)
            #expect(answer.status == 303 && answer.headers["location"] == "/")
            let cookie = try #require(answer.headers["set-cookie"])
            let session = try #require(LoginForm.cookie("rekap_session", in: cookie))
            #expect(session.hasPrefix("rekap_session_") && !cookie.contains(account.password))
            #expect(cookie.hasPrefix("rekap_session=\(session);") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))

            for (body, status) in [("login=&password=", 400), ("", 400), ("login=nobody&password=wrong-password", 401),
                                   (Self.fields(account, password: "wrong-password"), 401)] {
                answer = try await Self.postLogin(client, body, csrf: csrf)
                #expect(answer.status == status && LoginForm.cookie("rekap_session", in: answer.headers["set-cookie"]) == nil, "\(body): \(answer.status)")
            }
            // Without the form's anti-forgery token, or from another site's page: 403, no session.
            answer = try await client.post("/login", body: Array(Self.fields(account).utf8), contentType: Self.form["Content-Type"]!)
            #expect(answer.status == 403 && LoginForm.cookie("rekap_session", in: answer.headers["set-cookie"]) == nil)
            answer = try await client.send("POST", "/login", body: Array("csrf=\(csrf)&\(Self.fields(account))".utf8),
                                           headers: ["Content-Type": Self.form["Content-Type"]!, "Cookie": "rekap_login=\(csrf)", "Origin": "https://elsewhere.example"])
            #expect(answer.status == 403 && LoginForm.cookie("rekap_session", in: answer.headers["set-cookie"]) == nil)
            // The form is small; a larger body is refused before it is read.
            answer = try await client.post("/login", body: Array("password=\(String(repeating: "a", count: 5000))".utf8), contentType: Self.form["Content-Type"]!)
            #expect(answer.status == 413 && LoginForm.cookie("rekap_session", in: answer.headers["set-cookie"]) == nil)

            answer = try await client.send("POST", "/logout", headers: Self.session(session))
            #expect(answer.status == 303 && answer.headers["location"] == "/login?m=logged-out")
            #expect(answer.headers["set-cookie"]?.contains("Max-Age=0") == true)
            answer = try await client.send("POST", "/logout", headers: Self.session(session).merging(["Origin": "https://elsewhere.example"]) { $1 })
            #expect(answer.status == 403)
        }
    }

    @Test func theEventStream() async throws {
        try await APIServer.with { server in
            let client = server.client, tokens = server.tokens
            let path = "/events?city=14.72&year=2023"
            var answer = try await client.openEventStream(path, token: tokens.bappeda)
            #expect(answer.status == 200 && answer.text.contains("retry: 3000\n"), "\(answer.text)")
            answer = try await client.openEventStream(path, headers: Self.session(try await Self.login(client, try Self.bappedaAccount(server)), browser: false))
            #expect(answer.status == 200)

            answer = try await client.openEventStream(path)
            #expect(answer.status == 401 && answer.headers["www-authenticate"] == "Bearer realm=\"rekap\"")
            answer = try await client.openEventStream(path, headers: Self.browser)
            #expect(answer.status == 401 && answer.headers["content-type"] == "text/html; charset=utf-8")
            answer = try await client.openEventStream(path, token: tokens.kecamatan)
            #expect(answer.status == 403)
            answer = try await client.openEventStream(path, token: tokens.otherCityBappeda)
            #expect(answer.status == 403 && answer.text == "A Bappeda token of 14.71 cannot follow 14.72.\n")
            for query in ["city=14.72", "city=14.72.02&year=2023", "city=14.72&year=23"] {
                answer = try await client.openEventStream("/events?" + query, token: tokens.bappeda)
                #expect(answer.status == 400, "\(query): \(answer.text)")
            }
        }
    }
}
