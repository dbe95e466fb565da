import Foundation
import HTTPTypes
import Hummingbird
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// Puts the caller of a browser page into the request context: the session cookie a login set (a
/// person's account) or a bearer token, checked on every request (``DashboardCaller/identify(_:client:)``).
/// ``RekapRequestContext/identity`` gets the same ``RekapDomain/AccessScope`` either way, so routes
/// behind this middleware work for an account and a token alike (and run in that scope, under the
/// same row-level security); ``RekapRequestContext/account`` names the person when it is an account.
///
/// Without a usable session a browser loading a page (GET, `Accept: text/html`) is sent to the login
/// form (a stale cookie cleared); anything else gets 401.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = RekapRequestContext
    let client: PGClient

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        switch try await DashboardCaller.identify(request, client: client) {
        case .authenticated(let scope, let owner, _):
            context.identity = scope
            switch owner {
            case .account(let account): context.account = account
            case .token(let id): context.tokenID = id
            }
            return try await next(request, context)
        case .anonymous:
            return refusal(request, notice: nil)
        case .refused(let check):
            return refusal(request, notice: AccountEndpoints.noticeKey(check))
        }
    }

    private func refusal(_ request: Request, notice: String?) -> Response {
        var headers = HTTPFields()
        if request.cookies[DashboardSession.cookieName] != nil { headers[.setCookie] = DashboardSession.clearing(request).description }
        if request.method == .get && DashboardCaller.wantsHTML(request) {
            return DashboardResponses.redirect(to: DashboardRoutes.login + (notice.map { "?m=" + $0 } ?? ""), headers: headers)
        }
        return DashboardEndpoints.unauthorized("Log in at \(DashboardRoutes.login), or send Authorization: Bearer TOKEN.",
                                               html: DashboardCaller.wantsHTML(request), headers: headers)
    }
}
