import PostgresLibPQ
import RekapDomain

// TEMPORARY: stands in for branch `aggregates`' Consolidator (same signature) so the queue and
// rekapd can be built and tested before it lands. Deleted when `aggregates` is merged.

/// Recomputes the aggregates of one city and year (stand-in: records one row in `agg_run`, a
/// table the tests create).
public enum Consolidator {
    /// Recomputes every aggregate of one city and year inside the caller's open transaction.
    public static func recompute(city: RegionCode, year: Int, on connection: PGConnection) throws {
        try connection.execute(
            "INSERT INTO agg_run (city_code, year, computed_at) VALUES (\(city.text), \(year), clock_timestamp())")
    }
}
