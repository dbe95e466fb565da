import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// Options every `rekap rank` command takes, and what they all do before ranking: open the
/// database and make sure the aggregates they read are there (and current, with `--fresh`).
struct RankingOptions: ParsableArguments {
    @OptionGroup var target: CityYearOptions

    @Option(help: "Output format: table, csv, json or xlsx (an Excel workbook).")
    var format: RankOutputFormat = .table

    @Option(help: ArgumentHelp("Write the ranking to FILE instead of stdout.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Recompute the city's aggregates first when a submission or PBB-P2 load is newer than them.")
    var fresh = false

    @Option(help: "Language of an xlsx workbook's titles and headings: id (Bahasa Indonesia) or en. The table, csv and json formats do not change.")
    var lang: Language = .default

    @OptionGroup var database: DatabaseOptions

    /// The kota or kabupaten ranked.
    var city: RegionCode { target.city }

    /// The year ranked.
    var year: Int { target.year }

    /// Prints `board` in the chosen format (a workbook to `--output` or stdout).
    func emit(_ board: Leaderboard, asOf: CalendarDate? = nil) throws {
        guard let text = format.text else {
            let data = try XLSXRenderer.render(board, lines: XLSXRenderer.rankingLines(city: city, year: year, asOf: asOf, language: lang),
                                               language: lang)
            return try CommandOutput.write(data, to: output, describing: "the ranking")
        }
        try emit(text: LeaderboardRenderer.render(board, as: text))
    }

    /// Prints the medal table in the chosen format.
    func emit(_ board: MedalLeaderboard) throws {
        guard let text = format.text else {
            let data = try XLSXRenderer.render(board, lines: XLSXRenderer.rankingLines(city: city, year: year, asOf: nil, language: lang),
                                               language: lang)
            return try CommandOutput.write(data, to: output, describing: "the medal table")
        }
        try emit(text: LeaderboardRenderer.render(board, as: text))
    }

    private func emit(text: String) throws {
        guard output != nil else { return print(text, terminator: "") }
        try CommandOutput.write(Data(text.utf8), to: output, describing: "the ranking")
    }

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
