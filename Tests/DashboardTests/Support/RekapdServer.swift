import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PostgresLibPQ
import RekapTestSupport

/// The real `rekapd` serving HTTP on a local port (``ListeningRekapd``), and requests to it.
struct RekapdServer: Sendable {
    let process: ListeningRekapd
    var child: ChildProcess { process.child }
    var base: String { "http://127.0.0.1:\(process.port)" }

    static let arguments = ["--worker-id", "dashboard-test"]

    static func start(on configuration: PGConfiguration, _ extraArguments: [String] = []) async throws -> RekapdServer {
        RekapdServer(process: try await ListeningRekapd.start(on: configuration, arguments + extraArguments))
    }

    /// Runs `body` with a started server and stops it afterwards (``ListeningRekapd/run(on:_:_:)``).
    static func run<T: Sendable>(on configuration: PGConfiguration, _ body: (RekapdServer) async throws -> T) async throws -> T {
        try await ListeningRekapd.run(on: configuration, arguments) { try await body(RekapdServer(process: $0)) }
    }

    /// Logs in through the form as a browser does: GET /login for its anti-forgery token and cookie,
    /// then POST them with `account`'s login and password (and `headers`, e.g. an Origin). The
    /// answer, and the session cookie's value when one was set.
    func login(_ account: TestAccount, headers: [String: String] = [:]) async throws -> (answer: Answer, session: String?) {
        let form = try await request("/login")
        guard let csrf = LoginForm.csrfToken(in: form.body) else { throw LoginFailed(page: form.body) }
        let answer = try await request(
            "/login", method: "POST",
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "rekap_login=\(csrf)"].merging(headers) { $1 },
            body: Data(LoginForm.body(account, csrf: csrf).utf8))
        return (answer, LoginForm.cookie("rekap_session", in: answer.header("Set-Cookie")).flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The login form had no anti-forgery field.
    struct LoginFailed: Error, CustomStringConvertible {
        let page: String
        var description: String { "no csrf field in the login form: \(page)" }
    }

    /// SIGTERM; throws unless rekapd exits 0.
    func stop() async throws { try await process.stop() }

    /// What came back: redirects are not followed and cookies are neither kept nor sent, so the
    /// tests see exactly what the server answered.
    struct Answer: Sendable {
        let status: Int
        let headers: [String: String]
        let body: String
        /// The body's bytes (a workbook download is not text).
        var data = Data()

        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// One request, as a script or a browser sends it.
    func request(_ path: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil) async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        request.httpShouldHandleCookies = false
        // URLSession would send its own locale's Accept-Language (English); the tests read as an
        // Indonesian browser does unless they say otherwise.
        request.setValue("id-ID,id;q=0.9", forHTTPHeaderField: "Accept-Language")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        let http = response as? HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            if let name = name as? String, let value = value as? String { fields[name] = value }
        }
        return Answer(status: http?.statusCode ?? 0, headers: fields, body: String(decoding: data, as: UTF8.self), data: data)
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }()
}
