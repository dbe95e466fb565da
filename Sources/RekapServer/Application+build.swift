import Hummingbird
import Logging
import PostgresLibPQ

/// The HTTP API as a Hummingbird `Application`: a swift-service-lifecycle `Service` that rekapd runs in
/// its ServiceGroup after the pool (so it stops first on SIGTERM, finishing the requests in flight).
///
/// - Parameter onServerRunning: called once the socket is bound, with the port (useful with port 0).
public func buildApplication(
    _ dependencies: ServerDependencies,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let settings = dependencies.settings
    return Application(
        router: buildRouter(dependencies, logger: logger),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "rekapd"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
        logger: logger)
}

/// Every route and middleware of the API.
public func buildRouter(_ dependencies: ServerDependencies, logger: Logger) -> Router<RekapRequestContext> {
    let router = Router(context: RekapRequestContext.self)
    HealthRoutes.add(to: router, dependencies)
    DashboardEndpoints.add(to: router, dependencies, logger: logger)
    return router
}
