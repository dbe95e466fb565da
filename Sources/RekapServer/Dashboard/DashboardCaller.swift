import Foundation
import HTTPTypes
import Hummingbird
import PostgresLibPQ
import RekapDomain
import RekapStore

/// Who is asking for a dashboard page: a bearer token (scripts, `curl`) or the session cookie the login
/// form set (browsers), checked with `TokenStore.check` on every request, so a revoked or expired token
/// stops working at once.
enum DashboardCaller: Sendable, Equatable {
    /// A live token.
    case authenticated(AccessScope)
    /// No token at all.
    case anonymous
    /// A token was given but cannot be used (malformed, unknown, expired, revoked).
    case refused(TokenCheck)

    /// The cookie holding the token secret; HttpOnly and SameSite=Strict (``DashboardSession``).
    static let cookieName = "rekap_session"

    /// The caller of `request`: the `Authorization: Bearer` header (read as the API reads it), else the
    /// session cookie. (The dashboard is not behind `AuthenticationMiddleware`, so nothing found it before.)
    static func identify(_ request: Request, client: PGClient) async throws -> DashboardCaller {
        let secret: String
        if let authorization = request.headers[.authorization] {
            guard let token = AuthenticationMiddleware.bearerToken(authorization) else { return .refused(.malformed) }
            secret = token
        } else if let cookie = request.cookies[cookieName] {
            secret = cookie.value
        } else {
            return .anonymous
        }
        return try await check(secret: secret, client: client)
    }

    /// `TokenStore.check` on a pooled connection (as the table owner: `rekap_api` cannot read tokens).
    static func check(secret: String, client: PGClient) async throws -> DashboardCaller {
        let check = try await client.withConnection { connection in
            try TokenStore.check(secret: secret, at: Date(), on: connection)
        }
        if case .valid(let scope, _) = check { return .authenticated(scope) }
        return .refused(check)
    }

    /// Whether the request comes from a browser page load, which is sent to the login form rather
    /// than answered 401.
    static func wantsHTML(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("text/html") ?? false
    }

    /// Why a refused token cannot be used, in words for the login form.
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
