import PostgresLibPQ
import RekapDomain

extension Staleness {
    /// Every city/year whose aggregates are stale or were never computed although there is
    /// something to compute them from: what `rekapd` queues at startup and after it listens again
    /// (and at each poll), since submissions and loads stored while no daemon listened were
    /// announced to nobody. Left out: targets whose job gave up after seeing their newest data
    /// (``ConsolidationQueue/givenUp(_:on:)``), until new data arrives.
    ///
    /// Looked at: the city/years computed before, those with submissions, and, only when some
    /// PBB-P2 load is newer than every recompute (a load names no city: its cities are read from
    /// the rows, a scan of the PBB tables), those with PBB-P2 data. Cities not in the registry as
    /// kota/kabupaten are left out. Sorted by city, then year.
    public static func staleTargets(on connection: PGConnection) throws -> [CityYear] {
        let candidates = try connection.query("""
            WITH missed_loads AS (
                SELECT (SELECT count(*) FROM pbb_load) > coalesce((SELECT max(pbb_loads_seen) FROM agg_run), 0) AS missed
            ),
            candidate AS (
                SELECT city_code, year FROM agg_run
                UNION SELECT city_code, year FROM submission
                UNION SELECT substr(kelurahan_code, 1, 5), tahun FROM pbb_ketetapan WHERE (SELECT missed FROM missed_loads)
                UNION SELECT substr(nop, 1, 2) || '.' || substr(nop, 3, 2), tahun FROM pbb_pembayaran WHERE (SELECT missed FROM missed_loads)
            )
            SELECT c.city_code, c.year FROM candidate c JOIN region r ON r.code = c.city_code AND r.level = 2
            WHERE c.year BETWEEN \(CityYear.years.lowerBound) AND \(CityYear.years.upperBound)
              AND NOT EXISTS (SELECT FROM consolidation_job j
                              WHERE j.city_code = c.city_code AND j.year = c.year AND \(ConsolidationQueue.givenUpCondition(job: "j")))
            ORDER BY c.city_code, c.year
            """).map { try CityYear(city: try $0.decode(String.self, column: "city_code"), year: try $0.decode(Int.self, column: "year")) }
        return try candidates.filter { target in
            if case .fresh = try check(city: target.city, year: target.year, on: connection) { return false }
            return true
        }
    }
}
