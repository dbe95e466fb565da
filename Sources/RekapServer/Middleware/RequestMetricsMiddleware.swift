import Hummingbird

/// Counts every answered request by method, route and status, and records its latency (until the
/// body is written), in ``ServerMetrics``.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = RekapRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let status = response.status.code
        let method = request.method.rawValue
        response.body = response.body.afterWriting { [metrics] in
            metrics.requestAnswered(method: method, route: RouteName.of(context), status: status, duration: ContinuousClock.now - start)
        }
        return response
    }
}
