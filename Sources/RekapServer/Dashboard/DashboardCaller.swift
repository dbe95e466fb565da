import Foundation
import HTTPTypes
import Hummingbird
import PostgresLibPQ
import RekapDomain
import RekapStore

/// Who is asking for a page: a bearer token (scripts, `curl`) or the session cookie a login set
/// (browsers: a person's account), checked on every request (``TokenStore/check(secret:at:on:)``,
/// ``WebSessionStore/check(secret:at:on:)``), so a revoked token, an ended session or a disabled
/// account stops working at once.
enum DashboardCaller: Sendable, Equatable {
    /// A live token or session: its scope (the same for a token and an account of one role and
    /// region), whose it is, and what proved it (to check again later: event streams).
    case authenticated(AccessScope, SessionOwner, Credential)
    /// No token or session at all.
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
    /// session cookie.
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
        switch try await check(credential, client: client) {
        case .valid(let scope, let owner): return .authenticated(scope, owner, credential)
        case .refused(let why): return .refused(why)
        }
    }

    /// The token or session check on a pooled connection (as the table owner: `rekap_api` reads neither).
    static func check(_ credential: Credential, client: PGClient) async throws -> SessionCheck {
        try await client.withConnection { connection in
            switch credential {
            case .bearer(let secret):
                switch try TokenStore.check(secret: secret, at: Date(), on: connection) {
                case .valid(let scope, let tokenID): .valid(scope, .token(id: tokenID))
                case let refused: .refused(refused)
                }
            case .session(let secret):
                try WebSessionStore.check(secret: secret, at: Date(), on: connection)
            }
        }
    }

    /// Whether the request comes from a browser page load, which is sent to the login form rather
    /// than answered 401.
    static func wantsHTML(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("text/html") ?? false
    }

    /// Why a refused token or session cannot be used, in words (scripts get the token's reasons in English).
    static func reason(_ check: TokenCheck) -> String {
        switch check {
        case .valid: "The token is valid."
        case .malformed: "That is not a rekap token: tokens look like rekap_ followed by 43 letters, digits, - and _."
        case .unknown: "No token or session has that secret."
        case .expired: "That token or session has expired."
        case .revoked: "That token or session was ended."
        }
    }
}
