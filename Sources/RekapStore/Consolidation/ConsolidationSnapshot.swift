import Foundation
import PostgresLibPQ

/// The consolidation queue and the freshness of the aggregates right now, read in one statement:
/// what `GET /healthz` and `GET /metrics` report, with the one rule for "lagging".
///
/// Stale aggregates are the city/years that have submissions or PBB-P2 loads their last recompute
/// did not see (the counts ``Staleness`` compares), or submissions and no recompute at all. Each is
/// stale since its first input not seen (or, when only a late-committing input was missed, since
/// its recompute). Region and setting changes, which only an operator makes, are left to
/// ``Staleness/check(city:year:on:)``.
///
/// It counts every submission by city and year (from an index), and reads submission times only for
/// the stale ones.
public struct ConsolidationSnapshot: Sendable, Hashable {
    /// Jobs waiting for a worker (being recomputed included: that is never committed).
    public let pendingJobs: Int
    /// Jobs whose attempts ran out (history included).
    public let failedJobs: Int
    /// Seconds since the oldest pending job was requested (0 when none), to the millisecond.
    public let queueLagSeconds: Decimal
    /// City/years whose aggregates are older than their data.
    public let staleAggregates: Int
    /// Seconds since the oldest stale aggregates went stale (0 when none), to the millisecond.
    public let staleLagSeconds: Decimal

    /// The larger of the two lags: how far behind consolidation is.
    public var lagSeconds: Decimal { max(queueLagSeconds, staleLagSeconds) }

    /// True when a job has waited, or aggregates have been stale, longer than `limit`: `/healthz` then
    /// answers 503. Stale aggregates with no job waiting mean a missed notification or a job that gave up.
    public func isLagging(beyond limit: Duration) -> Bool {
        lagSeconds > Decimal(limit.components.seconds)
    }

    /// Reads the snapshot now.
    public static func read(on connection: PGConnection) throws(PGError) -> ConsolidationSnapshot {
        let row = try connection.query(
            """
            WITH submissions AS (
                -- Counted from the (city_code, year, period) index alone; times are read below, for stale targets only.
                SELECT city_code, year, count(*) AS submissions FROM submission GROUP BY city_code, year
            ),
            loads AS (SELECT count(*) AS loads FROM pbb_load),
            stale AS (
                SELECT coalesce(r.city_code, s.city_code) AS city_code, coalesce(r.year, s.year) AS year, r.computed_at,
                       r.submissions_watermark, r.pbb_watermark,
                       r.city_code IS NULL OR s.submissions > r.submissions_seen AS missed_submissions,
                       r.city_code IS NOT NULL AND l.loads > r.pbb_loads_seen AS missed_loads
                FROM agg_run r FULL JOIN submissions s ON s.city_code = r.city_code AND s.year = r.year, loads l
                WHERE r.city_code IS NULL OR s.submissions > r.submissions_seen OR l.loads > r.pbb_loads_seen
            ),
            since AS (
                SELECT least(
                    CASE WHEN missed_submissions THEN coalesce(
                        (SELECT min(submitted_at) FROM submission x
                         WHERE x.city_code = t.city_code AND x.year = t.year
                           AND (t.submissions_watermark IS NULL OR x.submitted_at > t.submissions_watermark)),
                        t.computed_at) END,
                    CASE WHEN missed_loads THEN coalesce(
                        (SELECT min(loaded_at) FROM pbb_load WHERE t.pbb_watermark IS NULL OR loaded_at > t.pbb_watermark),
                        t.computed_at) END) AS since
                FROM stale t
            ),
            queue AS (
                SELECT count(*) AS pending, min(requested_at) AS oldest FROM consolidation_job WHERE status = 'pending'
            )
            SELECT q.pending,
                   (SELECT count(*) FROM consolidation_job WHERE status = 'failed') AS failed,
                   coalesce(round(extract(epoch FROM now() - q.oldest)::numeric, 3), 0) AS queue_lag,
                   (SELECT count(*) FROM since WHERE since IS NOT NULL) AS stale,
                   coalesce((SELECT round(extract(epoch FROM now() - min(since))::numeric, 3) FROM since), 0) AS stale_lag
            FROM queue q
            """)[0]
        return ConsolidationSnapshot(
            pendingJobs: try row.decode(Int.self, column: "pending"),
            failedJobs: try row.decode(Int.self, column: "failed"),
            queueLagSeconds: max(0, try row.decode(Decimal.self, column: "queue_lag")),
            staleAggregates: try row.decode(Int.self, column: "stale"),
            staleLagSeconds: max(0, try row.decode(Decimal.self, column: "stale_lag")))
    }

    /// Pending jobs a worker is working right now (holding the job's session lock): for `/metrics`,
    /// which reads `pg_locks` for it (not for every health probe).
    public static func runningJobs(on connection: PGConnection) throws(PGError) -> Int {
        try connection.queryValue(
            Int.self,
            """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid::bigint = \(Int64(AdvisoryLock.consolidationJob.rawValue)) AND objsubid = 2
            """) ?? 0
    }
}
