import Foundation
import PostgresLibPQ
import RekapDomain

/// What a city/year's rankings and reports were read from, in one cheap statement (index lookups
/// only): the newest submission and PBB-P2 load anywhere, and when the city/year's aggregates were
/// last computed. When two stamps are equal, no submission, load or recompute committed in between,
/// so an answer read after the first is still the answer (and its freshness the same).
///
/// Not covered: regions added under the city and changed consolidation settings (rare, by the
/// operator); a cache keyed by this stamp bounds their effect with a time to live.
public struct AggregateStamp: Sendable, Hashable {
    public let newestSubmission: Int64?
    public let newestLoad: Int64?
    public let computedAt: Date?

    public init(newestSubmission: Int64?, newestLoad: Int64?, computedAt: Date?) {
        self.newestSubmission = newestSubmission
        self.newestLoad = newestLoad
        self.computedAt = computedAt
    }

    /// Reads the stamp now (as the table owner: a scoped role cannot see every submission).
    public static func read(city: RegionCode, year: Int, on connection: PGConnection) throws -> AggregateStamp {
        let row = try connection.query("""
            SELECT (SELECT max(id) FROM submission) AS newest_submission,
                   (SELECT max(id) FROM pbb_load) AS newest_load,
                   (SELECT computed_at FROM agg_run WHERE city_code = \(city.text) AND year = \(year)) AS computed_at
            """)[0]
        return AggregateStamp(
            newestSubmission: try row.decode(Int64?.self, column: "newest_submission"),
            newestLoad: try row.decode(Int64?.self, column: "newest_load"),
            computedAt: try row.decode(Date?.self, column: "computed_at"))
    }
}
