import PostgresLibPQ
import RekapDomain

/// What to do before reading a city's aggregates for a ranking or a report: the one rule, for
/// `rekap rank`/`rekap report` and the API's rankings and reports alike.
///
/// - Current aggregates are read.
/// - Stale ones are read as they are, and the reader is told why they are stale, unless fresh figures
///   were asked for (`--fresh`, `fresh=true`): then they are recomputed first.
/// - Aggregates never computed are computed first (there would be nothing to read), unless the city
///   has no data at all for the year.
///
/// A recompute goes through the shared queue (``ConsolidationQueue/consolidateAndWait(_:reason:using:)``),
/// like every other: a running `rekapd` and the caller never do it twice, and it is in the history.
public enum AggregateFreshness: Sendable, Hashable {
    /// Current: read them.
    case fresh
    /// Stale, to be read as they are; say why.
    case stale(StaleReason)
    /// To be recomputed before reading: why (``Staleness/neverComputed``, or stale with fresh figures asked for).
    case recompute(Staleness)
    /// Never computed, and the city has nothing for the year (no submission, no PBB-P2 data,
    /// ``CityYearData/exists(city:year:on:)``): a recompute would only make empty figures. The API
    /// answers 404 without work (a token could otherwise start one recompute per year it names).
    case noData

    /// Decides for `city` and `year` (read-only).
    ///
    /// - Throws: ``ConsolidationGaveUp`` when a recompute is needed but the target's last job gave
    ///   up after seeing its newest data (``ConsolidationQueue/givenUp(_:on:)``): it is not tried again
    ///   until new data arrives, or a person asks (`rekap consolidate`); `ConsolidationError` when
    ///   `city` is not a kota/kabupaten in the registry.
    public static func decide(city: RegionCode, year: Int, fresh: Bool, on connection: PGConnection) throws -> AggregateFreshness {
        let staleness = try Staleness.check(city: city, year: year, on: connection)
        let decision: AggregateFreshness
        switch staleness {
        case .fresh: return .fresh
        case .stale(let reason) where !fresh: return .stale(reason)
        case .neverComputed where try !CityYearData.exists(city: city, year: year, on: connection): return .noData
        case .stale, .neverComputed: decision = .recompute(staleness)
        }
        if let gaveUp = try ConsolidationQueue.givenUp(try CityYear(city: city, year: year), on: connection) {
            throw gaveUp
        }
        return decision
    }
}
