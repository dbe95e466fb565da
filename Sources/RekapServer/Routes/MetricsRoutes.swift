import Hummingbird

/// `GET /metrics`: ``ServerMetrics`` in the Prometheus text format. Public, like `/healthz`: it
/// holds counts and durations per route, never region data.
enum MetricsRoutes {
    static func add(to router: Router<RekapRequestContext>, _ dependencies: ServerDependencies) {
        router.get("/metrics") { _, _ -> Response in
            let bytes = await dependencies.metrics.scrape(client: dependencies.client)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: .init(bytes: bytes)))
        }
    }
}
