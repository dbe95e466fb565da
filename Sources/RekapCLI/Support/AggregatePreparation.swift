import Foundation
import Logging
import PostgresLibPQ
import RekapDomain
import RekapStore

/// What `rank` and `report` do before reading a city's aggregates, by the store's one rule
/// (``AggregateFreshness``): stale aggregates are said so on stderr, or recomputed with `--fresh`;
/// aggregates never computed are computed now, since there would be nothing to read. Recomputes go
/// through the shared queue, as `rekap consolidate` does.
enum AggregatePreparation {
    static func prepare(city: RegionCode, year: Int, fresh: Bool, client: PGClient) async throws {
        let decision: AggregateFreshness
        do {
            decision = try await client.withConnection { conn in
                try AggregateFreshness.decide(city: city, year: year, fresh: fresh, on: conn)
            }
        } catch let gaveUp as ConsolidationGaveUp {
            Console.error("rekap: the aggregates of \(city) \(year) are not recomputed again until new data arrives: \(gaveUp). "
                + "Fix the cause, then run `rekap consolidate --city \(city) --year \(year)`.")
            throw ExitStatus.failure
        }
        switch decision {
        case .fresh:
            return
        case .stale(let reason):
            Console.error("rekap: the aggregates of \(city) \(year) are stale: \(reason). "
                + "Run `rekap consolidate --city \(city) --year \(year)` or pass --fresh.")
            return
        case .recompute(.neverComputed), .noData:
            // An operator at the command line gets the (empty) figures of a year without data.
            Console.error("rekap: the aggregates of \(city) \(year) were never computed; computing them now")
        case .recompute:
            Console.error("rekap: recomputing the aggregates of \(city) \(year) first (--fresh)")
        }
        var logger = Logger(label: "rekap.consolidate")
        logger.logLevel = .error
        let host = ProcessInfo.processInfo.hostName, pid = ProcessInfo.processInfo.processIdentifier
        let queue = ConsolidationQueue(workerID: "rekap@\(host):\(pid)", logger: logger)
        do {
            _ = try await queue.consolidateAndWait(try CityYear(city: city, year: year), reason: "rekap rank/report", using: client)
        } catch let failure as ConsolidationJobFailed {
            Console.error("rekap: the recompute of \(city) \(year) failed; the previous aggregates stand: \(failure.message)")
            throw ExitStatus.failure
        } catch let failure as ConsolidationGaveUp {
            Console.error("rekap: \(failure); the previous aggregates stand")
            throw ExitStatus.failure
        }
    }
}
