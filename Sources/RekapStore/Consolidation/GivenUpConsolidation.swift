import PostgresLibPQ
import RekapDomain

extension ConsolidationQueue {
    /// The job that gave up on `target` after seeing its newest data, or nil.
    ///
    /// A city and year whose newest job is `failed` (its attempts ran out, see ``RetryPolicy``) and
    /// whose last attempt began after its newest submission and the newest PBB-P2 load is not
    /// recomputed again by itself: neither `rekapd`'s stale-target check (``Staleness/staleTargets(on:)``)
    /// nor a ranking or report (``AggregateFreshness``) queues it until new data arrives. A person can
    /// still ask for it (`rekap consolidate`, `POST /v1/consolidations`), after fixing the cause.
    public static func givenUp(_ target: CityYear, on connection: PGConnection) throws -> ConsolidationGaveUp? {
        guard let row = try connection.query(
            """
            SELECT j.id, j.attempts, j.last_error FROM consolidation_job j
            WHERE j.city_code = \(target.city.text) AND j.year = \(target.year) AND \(givenUpCondition(job: "j"))
            """
        ).first else { return nil }
        return ConsolidationGaveUp(
            jobID: try row.decode(Int64.self, column: "id"), target: target, attempts: try row.decode(Int.self, column: "attempts"),
            lastError: try row.decode(String?.self, column: "last_error"))
    }

    /// The SQL condition "`job` (an alias of `consolidation_job`) is the newest job of its city and
    /// year, failed, and its last attempt saw the newest data": the one definition of a given-up target.
    static func givenUpCondition(job: String) -> PGQuery {
        let j = PGQuery(unsafeSQL: job)
        return """
            \(j).status = 'failed'
            AND \(j).id = (SELECT max(id) FROM consolidation_job newer WHERE newer.city_code = \(j).city_code AND newer.year = \(j).year)
            AND \(j).started_at >= coalesce(
                (SELECT max(submitted_at) FROM submission s WHERE s.city_code = \(j).city_code AND s.year = \(j).year), '-infinity')
            AND \(j).started_at >= coalesce((SELECT max(loaded_at) FROM pbb_load), '-infinity')
            """
    }
}
