import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// Bappeda's dashboard (`RekapReport.DashboardRenderer`), its login and its live updates:
///
/// - `GET /` the page, `GET /fragment` its content alone (same query: `?year=Y&as_of=YYYY-MM-DD`);
/// - the login, logout and set-password pages: ``AccountEndpoints``;
/// - `GET /events?city=CODE&year=Y` server-sent events, `consolidated` each time that city's aggregates
///   for that year are recomputed; the stream checks its session or token again every
///   ``ServerSettings/sessionRecheckInterval`` and ends when it is no longer valid.
///
/// A Bappeda account's session (or a Bappeda bearer token) of the city reads it; other roles get 403.
/// Without either a browser is sent to the login form and anything else gets 401. Reads run in the
/// caller's access scope, so row-level security checks them too.
enum DashboardEndpoints {
    static func add(to router: Router<RekapRequestContext>, _ dependencies: ServerDependencies) {
        let events = ConsolidationEvents(client: dependencies.client, logger: dependencies.logger)
        router.get(RouterPath(DashboardRoutes.home)) { request, _ in
            try await asBappeda(request, dependencies, page: true) { scope, _ in try await content(request, scope, dependencies, whole: true) }
        }
        router.get(RouterPath(DashboardRoutes.fragment)) { request, _ in
            try await asBappeda(request, dependencies, page: false) { scope, _ in try await content(request, scope, dependencies, whole: false) }
        }
        router.get(RouterPath(DashboardRoutes.events)) { request, _ in
            try await asBappeda(request, dependencies, page: false) { scope, credential in
                try await eventStream(request, scope, events, every: dependencies.settings.sessionRecheckInterval) {
                    // Valid still? A database that cannot say ends the stream too: the browser reconnects.
                    guard let check = try? await DashboardCaller.check(credential, client: dependencies.client),
                          case .valid(let now, _) = check else { return false }
                    return now == scope
                }
            }
        }
    }

    // MARK: Pages

    /// The page (`whole`) or its content fragment, for the caller's city.
    static func content(_ request: Request, _ scope: AccessScope, _ dependencies: ServerDependencies,
                        whole: Bool) async throws -> Response {
        let html = DashboardCaller.wantsHTML(request)
        let query: DashboardQuery
        do throws(DashboardQuery.Invalid) {
            query = try DashboardQuery(request.uri.queryParameters)
        } catch {
            return DashboardResponses.error(.badRequest, "Bad request", error.description, html: html, language: RequestLanguage.of(request))
        }
        let now = Date()
        let dashboard = try await dependencies.client.withTransaction(isolation: .repeatableRead, readOnly: true) { connection in
            try connection.enterAccessScope(scope)
            let year = try query.year ?? CityDashboardLoader.latestYear(city: scope.region, on: connection)
                ?? Calendar(identifier: .gregorian).component(.year, from: now)
            return try CityDashboardLoader.load(city: scope.region, year: year, asOf: query.asOf, on: connection, now: now)
        }
        let language = RequestLanguage.of(request)
        return DashboardResponses.html(whole ? DashboardRenderer.page(dashboard, language: language) : DashboardRenderer.fragment(dashboard, language: language),
                                       headers: RequestLanguage.remembering(request))
    }

    /// `body` with the caller's scope (and what proved it) when it is a Bappeda token or session,
    /// else the refusal (``authorize``).
    static func asBappeda(_ request: Request, _ dependencies: ServerDependencies, page: Bool,
                          _ body: (AccessScope, DashboardCaller.Credential) async throws -> Response) async throws -> Response {
        switch try await authorize(request, dependencies, page: page) {
        case .success(let (scope, credential)): try await body(scope, credential)
        case .failure(let refusal): refusal.response
        }
    }

    /// The answer to a request that may not read the dashboard.
    struct Refusal: Error {
        let response: Response
    }

    /// The caller's scope when it is a Bappeda token (which reads its own city), else the refusal:
    /// a browser loading the page goes to the login form, anything else gets 401; other roles 403.
    static func authorize(_ request: Request, _ dependencies: ServerDependencies,
                          page: Bool) async throws -> Result<(AccessScope, DashboardCaller.Credential), Refusal> {
        let html = DashboardCaller.wantsHTML(request)
        switch try await DashboardCaller.identify(request, client: dependencies.client) {
        case .authenticated(let scope, _, let credential):
            guard scope.role == .bappeda else {
                let language = RequestLanguage.of(request)
                return .failure(Refusal(response: DashboardResponses.error(
                    .forbidden, Catalog.Accounts.notAllowed(language),
                    html ? Catalog.Accounts.dashboardIsBappedas(language)
                        : "The dashboard is for Bappeda: a \(scope.role.rawValue) token or account (\(scope.region)) cannot read the city's rankings.",
                    html: html, language: language)))
            }
            return .success((scope, credential))
        case .anonymous:
            if page && html { return .failure(Refusal(response: DashboardResponses.redirect(to: DashboardRoutes.login))) }
            return .failure(Refusal(response: unauthorized("A Bappeda account or token is required: log in at \(DashboardRoutes.login), or send Authorization: Bearer TOKEN.", html: html)))
        case .refused(let check):
            // A stale session cookie is cleared, so the login form starts afresh.
            var headers = HTTPFields()
            if request.cookies[DashboardSession.cookieName] != nil { headers[.setCookie] = DashboardSession.clearing(request).description }
            if page && html {
                return .failure(Refusal(response: DashboardResponses.redirect(to: DashboardRoutes.login + "?m=\(AccountEndpoints.noticeKey(check))", headers: headers)))
            }
            return .failure(Refusal(response: unauthorized(DashboardCaller.reason(check), html: html, headers: headers)))
        }
    }

    static func unauthorized(_ message: String, html: Bool, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.wwwAuthenticate] = "Bearer realm=\"rekap\""
        return DashboardResponses.error(.unauthorized, "Log in", message, html: html, headers: headers)
    }

    // MARK: Events

    /// The event stream of the city and year asked for, when the caller's scope may read that city.
    /// `stillValid` is asked every `recheck`; the stream ends when it says no (logout, revoked token).
    static func eventStream(
        _ request: Request, _ scope: AccessScope, _ events: ConsolidationEvents, every recheck: Duration,
        stillValid: @escaping @Sendable () async -> Bool
    ) async throws -> Response {
        let target: CityYear
        do throws(DashboardQuery.Invalid) {
            target = try DashboardQuery.eventTarget(request.uri.queryParameters)
        } catch {
            return DashboardResponses.error(.badRequest, "Bad request", error.description, html: false)
        }
        guard scope.mayReadCity(target.city) else {
            return DashboardResponses.error(.forbidden, "Not allowed", "A Bappeda token of \(scope.region) cannot follow \(target.city).", html: false)
        }
        let stream: AsyncStream<ConsolidationEvents.Event>
        do {
            stream = try await events.subscribe()
        } catch {
            return DashboardResponses.error(.serviceUnavailable, "Unavailable", "cannot listen for recomputes now: the database is unreachable", html: false)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // Tells nginx not to buffer the stream.
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        return Response(status: .ok, headers: headers, body: EventStream.body(stream, target: target, stillValid: stillValid, every: recheck))
    }
}
