import PostgresLibPQ
import RekapDomain
import RekapStore

/// What `rank` and `report` do before reading a city's aggregates: stale aggregates are said so on
/// stderr, or recomputed with `--fresh`; aggregates never computed are computed now, since there
/// would be nothing to read.
enum AggregatePreparation {
    static func prepare(city: RegionCode, year: Int, fresh: Bool, on connection: PGConnection) throws {
        switch try Staleness.check(city: city, year: year, on: connection) {
        case .fresh:
            return
        case .stale(let reason) where !fresh:
            Console.error("rekap: the aggregates of \(city) \(year) are stale: \(reason). "
                + "Run `rekap consolidate --city \(city) --year \(year)` or pass --fresh.")
            return
        case .stale:
            Console.error("rekap: recomputing the aggregates of \(city) \(year) first (--fresh)")
        case .neverComputed:
            Console.error("rekap: the aggregates of \(city) \(year) were never computed; computing them now")
        }
        try connection.transaction { connection in
            try Consolidator.recompute(city: city, year: year, on: connection)
        }
    }
}
