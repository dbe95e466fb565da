// RekapServer: the HTTP API that `rekapd --listen HOST:PORT` serves, on Hummingbird 2.
//
// Shape (the Hummingbird 2 template layout):
// - Application+build: `buildApplication` (the Hummingbird `Application`, a swift-service-lifecycle
//   Service that rekapd runs in its ServiceGroup) and `buildRouter` (every route and middleware).
// - RekapRequestContext: the per-request context; `identity` is the caller's AccessScope once the
//   authentication middleware has checked its bearer token.
// - ServerSettings: the listen address and the limits; ServerDependencies: the pool and what the routes share.
// - Routes/: one file per resource (health, submissions, PBB feeds, rankings, reports, consolidations).
// - Middleware/: authentication, access log, metrics.
// - Metrics/: the Prometheus registry behind GET /metrics.
//
// Every route that touches region data runs in a scoped transaction (`PGClient.withTransaction(scope:)`),
// so PostgreSQL's row-level security checks it as well as the route does.
