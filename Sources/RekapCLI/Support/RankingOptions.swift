import ArgumentParser
import PostgresLibPQ
import RekapDomain
import RekapStore

/// How a ranking is printed (contract §3).
enum RankingFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Options every `rekap rank` command takes, and what they all do before ranking: open the
/// database and make sure the aggregates they read are there (and current, with `--fresh`).
struct RankingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The kota or kabupaten, e.g. 14.72.", valueName: "CODE"))
    var city: String

    @Option(help: "The year.")
    var year: Int

    @Option(help: "Output format: table, csv or json.")
    var format: RankingFormat = .table

    @Flag(help: "Recompute the city's aggregates first when a submission or PBB-P2 load is newer than them.")
    var fresh = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard let code = RegionCode(city), code.level == .kabupatenKota else {
            throw ValidationError("--city must be a kota or kabupaten code such as 14.72")
        }
        guard (1900...2999).contains(year) else { throw ValidationError("--year must be from 1900 to 2999") }
    }

    /// The checked city code.
    var cityCode: RegionCode { RegionCode(city)! }

    /// Connects, brings the aggregates up to date as asked, runs `body`, and maps failures to exit
    /// statuses: 64 for an unknown city or indicator, else as every command does (``CommandErrors``:
    /// 69 for an unreachable database).
    func withAggregates<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let city = cityCode, year = self.year, fresh = self.fresh
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
