// RekapServer: the HTTP API that `rekapd --listen HOST:PORT` serves, on Hummingbird 2. Its contract is
// openapi/rekap.json; APITests check the running server against it.
//
// Shape (the Hummingbird 2 template layout):
// - Application+build: `buildApplication` (the Hummingbird `Application`, a swift-service-lifecycle
//   Service that rekapd runs in its ServiceGroup after the pool) and `buildRouter` (every route and
//   middleware, in order).
// - RekapRequestContext: the per-request context; `identity` is the caller's AccessScope once the
//   authentication middleware has checked its bearer token.
// - ServerSettings (listen address, limits), ServerDependencies (pool, metrics, worker hook).
// - Middleware/: access log (outermost), security headers (CSP and nosniff on every HTML answer), request
//   metrics, errors as JSON, bearer-token authentication (/v1).
// - Routes/: one file per resource: health, metrics, submissions, PBB-P2 feeds, rankings, reports,
//   consolidations.
// - Cache/: AnswerCache, the rendered rankings kept between requests, each served only to the scope
//   and query it was read for and only while RekapStore's AggregateStamp (newest submission, newest
//   PBB-P2 load, the city's last recomputes; read in the token check's statement) is unchanged, with
//   single-flight reads on a miss (so rankings keep up with over 1,000 requests/s while submissions
//   arrive; Benchmarks/http-load.sh measures it).
// - Metrics/: the Prometheus registry behind GET /metrics (swift-metrics API, swift-prometheus backend).
// - Dashboard/: Bappeda's dashboard (HTML from RekapReport's DashboardRenderer): GET /, /fragment, the
//   login form (anti-forgery token, Origin check) and its server-side session (RekapStore's
//   WebSessionStore) in an HttpOnly SameSite=Strict cookie, /logout (ends the session), and GET /events
//   (server-sent events fed by ONE LISTEN on rekap_consolidated, fanned out by ConsolidationEvents;
//   each stream re-checks its session or token and ends with it).
// - Connections/: the request-head timeout; with Hummingbird's idle timeout and its connection cap
//   (ServerSettings), one client cannot hold the server's sockets or file descriptors.
// - Support/: JSON answers through RekapDomain's JSONWriter, APIError, query parameters, the upload
//   spool and per-token upload slots for the PBB-P2 loader, aggregate readiness and the fresh-recompute limiter.
//
// Decisions:
// - The JSON the CLI prints and the API answers come from one writer each (RekapReport's SubmissionJSON,
//   LeaderboardJSON and report renderers), so `--format json` and the API never drift apart.
// - Every route that touches region data runs in a transaction scoped to the token
//   (`PGClient.withTransaction(scope:)`, SubmissionStore.scope, PBBFeedLoader.prepareTransaction), so
//   PostgreSQL's row-level security checks it as well as the route does. The token check itself, the
//   staleness check and recomputes run as the owner: they are the daemon's own work, done after the
//   route has decided the caller may read or recompute that city.
// - Another region's submission answers 404, exactly as a missing id: no answer tells whether it exists.
// - /healthz and /metrics are public (no region data in them); put rekapd behind a TLS proxy.
//
// Limits kept so that one client cannot stop the others: connections (cap, head and idle timeouts),
// PBB-P2 uploads (spooled before their transaction, a few per token), `fresh=true` recomputes (one per
// token per interval; none for a year without data), and a busy pool answers 503 with Retry-After.
//
// Not done on purpose: TLS (a reverse proxy's job), general per-client rate limiting (nginx's
// limit_conn in deploy/), CORS (no browser client but the dashboard, served from the same origin).
