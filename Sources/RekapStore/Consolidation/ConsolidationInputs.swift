import Foundation
import PostgresLibPQ
import RekapDomain

/// What a city/year's aggregates are computed from, counted: the consolidator records it in
/// `agg_run`, and `Staleness` compares it with the database now.
///
/// Counts rather than times alone: a submission whose transaction began before a recompute but
/// committed after it read its inputs carries an earlier `submitted_at` than `computed_at`, yet
/// still raises the count. Submissions, loads and regions are never deleted, so counts only grow.
struct ConsolidationInputs: Sendable, Hashable {
    var submissions: Int
    var newestSubmission: Date?
    var pbbLoads: Int
    var newestLoad: Date?
    var regions: Int

    /// Reads the counts in one statement (one snapshot).
    static func read(city: RegionCode, year: Int, on connection: PGConnection) throws -> ConsolidationInputs {
        let row = try connection.query("""
            SELECT s.submissions, s.newest_submission, l.pbb_loads, l.newest_load,
                   (SELECT count(*) FROM region WHERE path <@ text2ltree(\(city.text))) AS regions
              FROM (SELECT count(*) AS submissions, max(submitted_at) AS newest_submission
                      FROM submission WHERE city_code = \(city.text) AND year = \(year)) AS s,
                   (SELECT count(*) AS pbb_loads, max(loaded_at) AS newest_load FROM pbb_load) AS l
            """)[0]
        return ConsolidationInputs(
            submissions: try row.decode(Int.self, column: "submissions"),
            newestSubmission: try row.decode(Date?.self, column: "newest_submission"),
            pbbLoads: try row.decode(Int.self, column: "pbb_loads"),
            newestLoad: try row.decode(Date?.self, column: "newest_load"),
            regions: try row.decode(Int.self, column: "regions"))
    }
}

/// The `agg_run` row of a city/year: when its aggregates were computed and from what.
struct ConsolidationRun: Sendable, Hashable {
    var computedAt: Date
    var inputs: ConsolidationInputs
    var settingsFingerprint: String

    static func read(city: RegionCode, year: Int, on connection: PGConnection) throws -> ConsolidationRun? {
        guard let row = try connection.query("""
            SELECT computed_at, submissions_seen, submissions_watermark, pbb_loads_seen, pbb_watermark,
                   regions_seen, settings_fingerprint
              FROM agg_run WHERE city_code = \(city.text) AND year = \(year)
            """).first else { return nil }
        return ConsolidationRun(
            computedAt: try row.decode(Date.self, column: "computed_at"),
            inputs: ConsolidationInputs(
                submissions: try row.decode(Int.self, column: "submissions_seen"),
                newestSubmission: try row.decode(Date?.self, column: "submissions_watermark"),
                pbbLoads: try row.decode(Int.self, column: "pbb_loads_seen"),
                newestLoad: try row.decode(Date?.self, column: "pbb_watermark"),
                regions: try row.decode(Int.self, column: "regions_seen")),
            settingsFingerprint: try row.decode(String.self, column: "settings_fingerprint"))
    }

    /// Records this run (inside the recompute's transaction); returns `computed_at`.
    @discardableResult
    func write(city: RegionCode, year: Int, on connection: PGConnection) throws -> Date {
        try connection.execute("""
            INSERT INTO agg_run (city_code, year, computed_at, submissions_seen, submissions_watermark,
                                 pbb_loads_seen, pbb_watermark, regions_seen, settings_fingerprint)
            VALUES (\(city.text), \(year), \(computedAt), \(inputs.submissions), \(inputs.newestSubmission),
                    \(inputs.pbbLoads), \(inputs.newestLoad), \(inputs.regions), \(settingsFingerprint))
            ON CONFLICT (city_code, year) DO UPDATE SET
                computed_at = excluded.computed_at,
                submissions_seen = excluded.submissions_seen,
                submissions_watermark = excluded.submissions_watermark,
                pbb_loads_seen = excluded.pbb_loads_seen,
                pbb_watermark = excluded.pbb_watermark,
                regions_seen = excluded.regions_seen,
                settings_fingerprint = excluded.settings_fingerprint
            """)
        return computedAt
    }
}
