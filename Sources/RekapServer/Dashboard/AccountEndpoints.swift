import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// Logging in with a person's account, logging out, and setting a password with a one-time code:
///
/// - `GET /login` the form (login, password; with its anti-forgery token and cookie); `POST /login`
///   checks the password (bcrypt, ``RekapStore/AccountPasswords``) and starts a server-side session
///   (``RekapStore/WebSessionStore``) whose cookie carries the same ``RekapDomain/AccessScope`` a token
///   of the account's role and region has. Failed logins count towards a lockout
///   (``RekapStore/LoginLockout``); every failure gets one answer, which does not tell whether the
///   login exists, is locked or disabled;
/// - `POST /logout` ends the session server-side and clears the cookie;
/// - `GET /password` the set-password form, `POST /password` (one-time code, new password twice)
///   spends the code and stores the new password's hash;
/// - forms posted from another origin, or without their anti-forgery token, are refused and change nothing.
///
/// Pages are in the reader's language (``RequestLanguage``).
enum AccountEndpoints {
    static func add(to router: Router<RekapRequestContext>, _ dependencies: ServerDependencies) {
        router.get(RouterPath(DashboardRoutes.login)) { request, _ in
            loginForm(request, message: request.uri.queryParameters["m"].flatMap { loginNotice($0, RequestLanguage.of(request)) })
        }
        router.post(RouterPath(DashboardRoutes.login)) { request, _ in
            try await login(request, dependencies)
        }
        router.post(RouterPath(DashboardRoutes.logout)) { request, _ in
            try await logout(request, dependencies)
        }
        router.get(RouterPath(DashboardRoutes.password)) { request, _ in
            passwordForm(request, message: nil)
        }
        router.post(RouterPath(DashboardRoutes.password)) { request, _ in
            try await setPassword(request, dependencies)
        }
    }

    /// The largest login or set-password form body read.
    static let maxFormBytes = 4096

    // MARK: Login

    /// The login form with a new anti-forgery token (its cookie set with it).
    static func loginForm(_ request: Request, message: String?, login: String = "", status: HTTPResponse.Status = .ok) -> Response {
        let (token, cookie) = DashboardSession.newCSRF(request)
        let headers = RequestLanguage.remembering(request, in: [.setCookie: cookie.description])
        let page = DashboardRenderer.loginPage(message: message, csrfToken: token, login: login, language: RequestLanguage.of(request))
        return DashboardResponses.html(page, status: status, headers: headers)
    }

    static func login(_ request: Request, _ dependencies: ServerDependencies) async throws -> Response {
        try await withFields(request, form: { loginForm(request, message: $0, status: $1) }) { fields in
            try await login(request, fields, dependencies)
        }
    }

    static func login(_ request: Request, _ fields: [String: String], _ dependencies: ServerDependencies) async throws -> Response {
        let language = RequestLanguage.of(request)
        let text = Catalog.Accounts.self
        let login = AccountStore.normalizedLogin(fields[DashboardRoutes.loginField] ?? "")
        let password = fields[DashboardRoutes.passwordField] ?? ""
        guard !login.isEmpty, !password.isEmpty else {
            return loginForm(request, message: text.loginMissing(language), login: login, status: .badRequest)
        }
        let client = dependencies.client
        let settings = dependencies.settings
        let candidate = try await client.withConnection { conn in try AccountStore.loginCandidate(login: login, on: conn) }
        let now = Date()
        let locked = candidate?.lockedUntil.map { $0 > now } ?? false
        let usable = candidate.map { !$0.disabled && !locked } ?? false
        // bcrypt is slow on purpose: it runs on NIO's thread pool, not the request's executor. An unknown,
        // locked or disabled account is checked against a stand-in hash: the answer takes as long.
        let passwords = AccountPasswords(cost: settings.passwordCost)
        let hash = usable ? candidate?.passwordHash : nil
        let matches = try await NIOThreadPool.singleton.runIfActive { passwords.verify(password, hash: hash) }
        guard let candidate, usable, matches else {
            if let candidate, usable {
                try await client.withConnection { conn in
                    try AccountStore.recordFailure(accountID: candidate.account.id, lockout: settings.loginLockout, at: now, on: conn)
                }
            }
            return loginForm(request, message: text.loginFailed(language), login: login, status: .unauthorized)
        }
        let session = try await client.withConnection { conn in
            try conn.transaction { conn in
                try AccountStore.recordSuccess(accountID: candidate.account.id, at: now, on: conn)
                return try WebSessionStore.create(accountID: candidate.account.id, lifetime: settings.sessionLifetime, at: now, on: conn)
            }
        }
        var headers = HTTPFields()
        headers.append(HTTPField(name: .setCookie, value: DashboardSession.cookie(secret: session, request).description))
        headers.append(HTTPField(name: .setCookie, value: DashboardSession.clearingCSRF(request).description))
        return DashboardResponses.redirect(to: DashboardRoutes.landing(for: candidate.scope.role), headers: headers)
    }

    /// Ends the session server-side (its cookie no longer works anywhere) and clears the cookie.
    static func logout(_ request: Request, _ dependencies: ServerDependencies) async throws -> Response {
        let language = RequestLanguage.of(request)
        guard DashboardSession.isSameOrigin(request) else {
            return DashboardResponses.error(.forbidden, Catalog.Accounts.notAllowed(language), Catalog.Accounts.otherSite(language),
                                            html: DashboardCaller.wantsHTML(request), language: language)
        }
        if let secret = request.cookies[DashboardSession.cookieName]?.value {
            try await dependencies.client.withConnection { connection in
                try WebSessionStore.revoke(secret: secret, at: Date(), on: connection)
            }
        }
        var headers = HTTPFields()
        headers[.setCookie] = DashboardSession.clearing(request).description
        return DashboardResponses.redirect(to: DashboardRoutes.login + "?m=logged-out", headers: headers)
    }

    /// The `?m=` of the login form's notices: fixed texts, so nothing from the address is echoed.
    static func loginNotice(_ key: Substring, _ language: Language) -> String? {
        let text = Catalog.Accounts.self
        return switch key {
        case "logged-out": text.loggedOut(language)
        case "password-set": text.passwordSet(language)
        case "expired": text.sessionExpired(language)
        case "revoked", "unknown", "malformed": text.sessionEnded(language)
        default: nil
        }
    }

    static func noticeKey(_ check: TokenCheck) -> String {
        switch check {
        case .expired: "expired"
        case .revoked: "revoked"
        case .malformed: "malformed"
        case .unknown, .valid: "unknown"
        }
    }

    // MARK: Setting a password

    static func passwordForm(_ request: Request, message: String?, code: String = "", status: HTTPResponse.Status = .ok) -> Response {
        let (token, cookie) = DashboardSession.newCSRF(request, path: DashboardRoutes.password)
        let headers = RequestLanguage.remembering(request, in: [.setCookie: cookie.description])
        let page = DashboardRenderer.setPasswordPage(message: message, csrfToken: token, code: code, language: RequestLanguage.of(request))
        return DashboardResponses.html(page, status: status, headers: headers)
    }

    static func setPassword(_ request: Request, _ dependencies: ServerDependencies) async throws -> Response {
        try await withFields(request, form: { passwordForm(request, message: $0, status: $1) }) { fields in
            try await setPassword(request, fields, dependencies)
        }
    }

    static func setPassword(_ request: Request, _ fields: [String: String], _ dependencies: ServerDependencies) async throws -> Response {
        let language = RequestLanguage.of(request)
        let text = Catalog.Accounts.self
        let code = (fields[DashboardRoutes.codeField] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = fields[DashboardRoutes.passwordField] ?? ""
        guard password == fields[DashboardRoutes.repeatField] else {
            return passwordForm(request, message: text.passwordsDiffer(language), code: code, status: .badRequest)
        }
        switch AccountPasswords.weakness(password) {
        case .tooShort: return passwordForm(request, message: text.passwordTooShort(language), code: code, status: .badRequest)
        case .tooLong: return passwordForm(request, message: text.passwordTooLong(language), code: code, status: .badRequest)
        case nil: break
        }
        let client = dependencies.client
        // Hash only for a live code (a wrong code costs no bcrypt work); the code is spent atomically below.
        guard try await client.withConnection({ conn in try AccountStore.setupAccount(code: code, at: Date(), on: conn) }) != nil else {
            return passwordForm(request, message: text.codeInvalid(language), status: .badRequest)
        }
        let passwords = AccountPasswords(cost: dependencies.settings.passwordCost)
        let hash = try await NIOThreadPool.singleton.runIfActive { passwords.hash(password) }
        guard try await client.withConnection({ conn in try AccountStore.setPassword(code: code, passwordHash: hash, at: Date(), on: conn) }) != nil else {
            return passwordForm(request, message: text.codeInvalid(language), status: .badRequest)
        }
        var headers = HTTPFields()
        headers[.setCookie] = DashboardSession.clearingCSRF(request, path: DashboardRoutes.password).description
        return DashboardResponses.redirect(to: DashboardRoutes.login + "?m=password-set", headers: headers)
    }

    // MARK: Forms

    /// Runs `body` with the fields of a posted login or set-password form once ``PostedForm``'s checks
    /// pass (same origin, at most ``maxFormBytes``) and its anti-forgery field matches the form's
    /// cookie; otherwise answers `form` (the form again, with the message and status saying why).
    static func withFields(_ request: Request, form: (_ message: String, _ status: HTTPResponse.Status) -> Response,
                           _ body: ([String: String]) async throws -> Response) async throws -> Response {
        let language = RequestLanguage.of(request)
        let text = Catalog.Accounts.self
        return try await PostedForm.withBody(request, limit: maxFormBytes, refuse: { refusal in
            switch refusal {
            case .otherSite: form(text.otherSite(language), .forbidden)
            case .tooLarge: form(text.tooLong(language), .contentTooLarge)
            }
        }) { bytes in
            let fields = FormFields.parse(String(buffer: bytes))
            guard DashboardSession.csrfMatches(field: fields[DashboardRoutes.csrfField], request) else {
                return form(text.formExpired(language), .forbidden)
            }
            return try await body(fields)
        }
    }
}
