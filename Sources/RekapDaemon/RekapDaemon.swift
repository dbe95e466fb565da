// RekapDaemon: `rekapd`, which keeps city-wide aggregates fresh as submissions and PBB-P2 loads arrive,
// and with `--listen HOST:PORT` (or REKAP_LISTEN) serves the HTTP API (RekapServer).
//
// Shape (the Hummingbird 2 / swift-service-lifecycle layout):
// - RekapDaemonCommand: `@main`, options (--database / DATABASE_URL, --log-level, --debounce-ms,
//   --worker-id, --poll-seconds, --shutdown-timeout-seconds), logging, and a ServiceGroup that shuts
//   down gracefully on SIGTERM/SIGINT.
// - BuildServices: checks the database once (exit 69 unreachable, 78 not migrated), then returns the
//   services in start order: the PGClient pool, ConsolidationService, and with --listen the
//   Hummingbird Application built by RekapServer's buildApplication (stopped first on SIGTERM).
// - ConsolidationService: LISTENs on rekap_submission and rekap_pbb_load, gathers a burst into
//   PendingTargets, queues one job per city and year, and works the queue (RekapStore's
//   ConsolidationQueue) until it is empty; wakes by itself for retries and every --poll-seconds.
// - PendingTargets: the bounded set of cities and years heard of since the last round.
//
// Guarantees come from the queue, not from this process: jobs are claimed with SKIP LOCKED and
// recomputed in the claiming transaction, so any number of rekapd can run, and killing one at any
// moment leaves the previous aggregates and the job pending (the server notices the dead client within
// a second, client_connection_check_interval, and rolls back).
//
// Notifications sent while no rekapd was listening are not lost work: at startup ConsolidationService
// queues every city and year whose aggregates are stale (Staleness.staleTargets), and works them off
// before it waits for new notifications.
//
// Not done on purpose: without --listen there is no HTTP health endpoint (pg_stat_activity shows the
// sessions, application_name=rekapd).
