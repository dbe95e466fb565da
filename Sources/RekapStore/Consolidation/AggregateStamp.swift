import Foundation
import PostgresLibPQ
import RekapDomain

/// What a city's rankings and reports were read from, in one cheap statement (index lookups only):
/// the newest submission and PBB-P2 load anywhere, and when each of the city's years was last
/// computed. When two stamps are equal, no submission, load or recompute of the city committed in
/// between, so an answer read after the first is still the answer (and its freshness the same).
///
/// Per city rather than per year, so that the API can read it in the same statement as the caller's
/// token (``TokenStore/checkAndStamp(secret:at:on:)``: a token belongs to one city, the year is the
/// route's business); a recompute of one year only makes the other years' answers read again.
///
/// Not covered: regions added under the city and changed consolidation settings (rare, by the
/// operator); a cache keyed by this stamp bounds their effect with a time to live. Two submissions
/// committing in the opposite order of their ids leave the first stamp unchanged by the second
/// commit; the recompute that follows changes it (answers are read from the aggregates, which only a
/// recompute changes: what such an answer can be behind in is its stale reason, until then).
public struct AggregateStamp: Sendable, Hashable {
    public let newestSubmission: Int64?
    public let newestLoad: Int64?
    /// Each computed year of the city with its `agg_run.computed_at` (microseconds), e.g.
    /// `2023@1700000000.123456`, in year order; nil before the first recompute.
    public let runs: String?

    public init(newestSubmission: Int64?, newestLoad: Int64?, runs: String?) {
        self.newestSubmission = newestSubmission
        self.newestLoad = newestLoad
        self.runs = runs
    }

    /// Reads the stamp of `city` now (as the table owner: a scoped role cannot see every submission).
    public static func read(city: RegionCode, on connection: PGConnection) throws -> AggregateStamp {
        try decode(connection.cachedQuery("SELECT \(columns(cityCode: "\(city.text)"))")[0])
    }

    /// The stamp's columns for a select list, of the city whose code `cityCode` gives (a value or a
    /// column of the statement it goes into).
    static func columns(cityCode: PGQuery) -> PGQuery {
        """
        (SELECT max(id) FROM submission) AS stamp_newest_submission,
        (SELECT max(id) FROM pbb_load) AS stamp_newest_load,
        (SELECT string_agg(year || '@' || extract(epoch FROM computed_at), ',' ORDER BY year)
           FROM agg_run WHERE city_code = \(cityCode)) AS stamp_runs
        """
    }

    static func decode(_ row: PGRow) throws -> AggregateStamp {
        AggregateStamp(
            newestSubmission: try row.decode(Int64?.self, column: "stamp_newest_submission"),
            newestLoad: try row.decode(Int64?.self, column: "stamp_newest_load"),
            runs: try row.decode(String?.self, column: "stamp_runs"))
    }
}
