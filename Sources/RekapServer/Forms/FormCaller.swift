import Crypto
import Foundation
import Hummingbird
import PostgresLibPQ
import RekapDomain
import RekapStore

/// Who is using a report form: a live session (the login form's cookie) or a bearer token, with its
/// access scope, and the words a draft or revision records as its author.
struct FormCaller: Sendable {
    let scope: AccessScope
    let credential: DashboardCaller.Credential
    /// How drafts and revisions name the caller.
    let who: String

    /// The caller of `request`, or nil when it shows no live session or token (the route answers with
    /// the login form or 401).
    static func identify(_ request: Request, client: PGClient) async throws -> FormCaller? {
        let credential: DashboardCaller.Credential
        if let authorization = request.headers[.authorization] {
            guard let token = AuthenticationMiddleware.bearerToken(authorization) else { return nil }
            credential = .bearer(token)
        } else if let cookie = request.cookies[DashboardSession.cookieName] {
            credential = .session(cookie.value)
        } else {
            return nil
        }
        guard case .valid(let scope, let owner) = try await DashboardCaller.check(credential, client: client) else { return nil }
        let who = switch owner {
        case .account(let account): "\(account.displayName) (\(account.login))"
        case .token(let id): "\(scope.role.rawValue) \(scope.region.text) (token #\(id))"
        }
        return FormCaller(scope: scope, credential: credential, who: who)
    }

    /// The anti-forgery token of every form this session is shown: derived from the session's secret
    /// (HMAC-SHA256), so another site can neither read nor compute it, and it ends with the session.
    /// Bearer callers need none (a browser never adds an `Authorization` header to another site's form).
    var csrfToken: String {
        guard case .session(let secret) = credential else { return "" }
        let mac = HMAC<SHA256>.authenticationCode(for: Array("rekap-forms-csrf".utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether a posted form's anti-forgery field is this session's (compared in constant time).
    func csrfMatches(_ field: String?) -> Bool {
        guard case .session = credential else { return true }
        guard let field else { return false }
        return DashboardSession.constantTimeEqual(field, csrfToken)
    }
}
