import Foundation
import HTTPTypes
import Hummingbird
import PostgresLibPQ
import RekapDomain
import RekapStore

/// Who is asking for a dashboard page: a bearer token (scripts, `curl`) or the session cookie the login
/// form set (browsers), checked on every request (``TokenStore/check(secret:at:on:)``,
/// ``WebSessionStore/check(secret:at:on:)``), so a revoked token or an ended session stops working at once.
enum DashboardCaller: Sendable, Equatable {
    /// A live token or session, and what proved it (to check again later: event streams).
    case authenticated(AccessScope, Credential)
    /// No token at all.
    case anonymous
    /// A token or session was given but cannot be used (malformed, unknown, expired, revoked).
    case refused(TokenCheck)

    /// What a request showed.
    enum Credential: Sendable, Equatable {
        /// `Authorization: Bearer <token secret>`.
        case bearer(String)
        /// The session cookie's secret.
        case session(String)
    }

    /// The caller of `request`: the `Authorization: Bearer` header (read as the API reads it), else the
    /// session cookie. (The dashboard is not behind `AuthenticationMiddleware`, so nothing found it before.)
    static func identify(_ request: Request, client: PGClient) async throws -> DashboardCaller {
        let credential: Credential
        if let authorization = request.headers[.authorization] {
            guard let token = AuthenticationMiddleware.bearerToken(authorization) else { return .refused(.malformed) }
            credential = .bearer(token)
        } else if let cookie = request.cookies[DashboardSession.cookieName] {
            credential = .session(cookie.value)
        } else {
            return .anonymous
        }
        let check = try await check(credential, client: client)
        if case .valid(let scope, _) = check { return .authenticated(scope, credential) }
        return .refused(check)
    }

    /// The token or session check on a pooled connection (as the table owner: `rekap_api` reads neither).
    static func check(_ credential: Credential, client: PGClient) async throws -> TokenCheck {
        try await client.withConnection { connection in
            switch credential {
            case .bearer(let secret): try TokenStore.check(secret: secret, at: Date(), on: connection)
            case .session(let secret): try WebSessionStore.check(secret: secret, at: Date(), on: connection)
            }
        }
    }

    /// Whether the request comes from a browser page load, which is sent to the login form rather
    /// than answered 401.
    static func wantsHTML(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("text/html") ?? false
    }

    /// Why a refused token or session cannot be used, in words for the login form.
    static func reason(_ check: TokenCheck) -> String {
        switch check {
        case .valid: "The token is valid."
        case .malformed: "That is not a rekap token: tokens look like rekap_ followed by 43 letters, digits, - and _."
        case .unknown: "No token has that secret."
        case .expired: "That token has expired; ask for a new one."
        case .revoked: "That token was revoked; ask for a new one."
        }
    }
}
