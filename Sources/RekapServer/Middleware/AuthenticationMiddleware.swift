import Foundation
import HTTPTypes
import Hummingbird
import PostgresLibPQ
import RekapDomain
import RekapStore

/// Checks `Authorization: Bearer <secret>` on every `/v1` request (``TokenStore/check(secret:at:on:)``,
/// as the table owner: `rekap_api` cannot read `api_token`) and puts the token's scope in
/// ``RekapRequestContext/identity``, with the ``RekapStore/AggregateStamp`` of the token's city read
/// in the same statement (``RekapRequestContext/cityStamp``: the ranking routes' answer cache).
///
/// A missing, malformed, unknown, expired or revoked token is answered 401 with
/// `WWW-Authenticate: Bearer realm="rekap"` (RFC 6750; with `error="invalid_token"` when a token was
/// given). What the token may do is the routes' business (403).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = RekapRequestContext
    let client: PGClient

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("this request needs an API token: send Authorization: Bearer <token>", invalidToken: false)
        }
        guard let secret = Self.bearerToken(header) else {
            throw Self.unauthorized("the Authorization header must be Bearer <token>", invalidToken: true)
        }
        let (check, cityStamp) = try await client.withConnection { conn in try TokenStore.checkAndStamp(secret: secret, at: Date(), on: conn) }
        var context = context
        switch check {
        case .valid(let scope, let tokenID):
            context.identity = scope
            context.tokenID = tokenID
            context.cityStamp = cityStamp
        case .malformed:
            throw Self.unauthorized("the token is malformed", invalidToken: true)
        case .unknown:
            throw Self.unauthorized("the token is not known", invalidToken: true)
        case .expired:
            throw Self.unauthorized("the token has expired", invalidToken: true)
        case .revoked:
            throw Self.unauthorized("the token was revoked", invalidToken: true)
        }
        return try await next(request, context)
    }

    /// The token of `Bearer <token>` (the scheme case-insensitive, RFC 7235), or nil.
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func unauthorized(_ message: String, invalidToken: Bool) -> APIError {
        var challenge = #"Bearer realm="rekap""#
        if invalidToken { challenge += #", error="invalid_token""# }
        return APIError(.unauthorized, code: "unauthorized", message, headers: [.wwwAuthenticate: challenge])
    }
}
