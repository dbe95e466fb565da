import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import PostgresLibPQ

/// The HTTP API as a Hummingbird `Application`: a swift-service-lifecycle `Service` that rekapd runs in
/// its ServiceGroup after the pool (so it stops first on SIGTERM, finishing the requests in flight).
///
/// - Parameter onServerRunning: called once the socket is bound, with the port (useful with port 0).
public func buildApplication(
    _ dependencies: ServerDependencies,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let settings = dependencies.settings
    // Connections are bounded in number (further ones wait in the accept queue, so file descriptors
    // never run out) and in time: a request head must come within its timeout, and a connection
    // that sends nothing (between requests, or mid-request: a stalled body) is closed when idle.
    let headTimeout = TimeAmount(settings.requestHeadTimeout)
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [RequestHeadTimeoutHandler(timeout: headTimeout)],
        idleTimeout: TimeAmount(settings.idleTimeout))
    return Application(
        router: buildRouter(dependencies),
        server: .http1(configuration: http1),
        configuration: .init(
            address: .hostname(settings.host, port: settings.port), serverName: "rekapd",
            availableConnectionsDelegate: MaximumAvailableConnections(settings.maxConnections, logger: dependencies.logger)),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
        logger: dependencies.logger)
}

/// Every route and middleware of the API.
///
/// Middleware, outermost first: access log, security headers (CSP and nosniff on every HTML answer),
/// metrics, errors as JSON (so the first ones see every status); `/v1` adds bearer-token authentication. `/healthz` and `/metrics` are public.
public func buildRouter(_ dependencies: ServerDependencies) -> Router<RekapRequestContext> {
    let router = Router(context: RekapRequestContext.self)
    router.add(middleware: AccessLogMiddleware(logger: dependencies.logger))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RequestMetricsMiddleware(metrics: dependencies.metrics))
    router.add(middleware: ErrorMiddleware(logger: dependencies.logger))

    HealthRoutes.add(to: router, dependencies)
    MetricsRoutes.add(to: router, dependencies)

    let v1 = router.group("v1").add(middleware: AuthenticationMiddleware(client: dependencies.client))
    SubmissionRoutes.add(to: v1, dependencies)
    RankingRoutes.add(to: v1, dependencies)
    ReportRoutes.add(to: v1, dependencies)
    TemplateRoutes.add(to: v1, dependencies)
    ConsolidationRoutes.add(to: v1, dependencies)
    PBBRoutes.add(to: v1, dependencies)

    // Bappeda's dashboard (HTML; bearer token or the login form's session cookie).
    DashboardEndpoints.add(to: router, dependencies)
    AccountEndpoints.add(to: router, dependencies)
    // Offices' report forms (HTML; a session of a kecamatan or kelurahan).
    FormEndpoints.add(to: router, dependencies)
    return router
}
