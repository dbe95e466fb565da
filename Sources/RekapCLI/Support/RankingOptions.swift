import ArgumentParser
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// Options every `rekap rank` command takes, and what they all do before ranking: open the
/// database and make sure the aggregates they read are there (and current, with `--fresh`).
struct RankingOptions: ParsableArguments {
    @OptionGroup var target: CityYearOptions

    @Option(help: "Output format: table, csv or json.")
    var format: LeaderboardFormat = .table

    @Flag(help: "Recompute the city's aggregates first when a submission or PBB-P2 load is newer than them.")
    var fresh = false

    @OptionGroup var database: DatabaseOptions

    /// The kota or kabupaten ranked.
    var city: RegionCode { target.city }

    /// The year ranked.
    var year: Int { target.year }

    /// Connects, brings the aggregates up to date as asked, runs `body`, and maps failures to exit
    /// statuses: 64 for an unknown city or indicator, else as every command does (``CommandErrors``:
    /// 69 for an unreachable database).
    func withAggregates<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let city = self.city, year = self.year, fresh = self.fresh
        return try await database.withClient(maxConnections: 2) { client in
            do {
                try await AggregatePreparation.prepare(city: city, year: year, fresh: fresh, client: client)
                return try await client.withConnection(body)
            } catch let error as ConsolidationError {
                Console.error("rekap: \(error.reason)")
                throw ExitStatus.usage
            }
        }
    }
}
