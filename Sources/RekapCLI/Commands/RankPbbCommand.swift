import ArgumentParser
import RekapDomain
import RekapReport
import RekapStore

/// `rekap rank pbb --city CODE --year Y --level kelurahan|kecamatan [--as-of DATE] [--lowest]`.
struct RankPbbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pbb",
        abstract: "PBB-P2 realisation leaderboard: realisasi ÷ ketetapan per kelurahan or kecamatan.",
        discussion: "A kecamatan's percentage is Σ realisasi ÷ Σ ketetapan of its kelurahan, never a mean of percentages."
    )

    @OptionGroup var options: RankingOptions

    @Option(help: "kelurahan (desa included) or kecamatan.")
    var level: PBBRankingLevel = .kelurahan

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Realisasi up to and including this day.", valueName: "YYYY-MM-DD"))
    var asOf: CalendarDate?

    @Flag(help: "Lowest first: 1 is the lowest, as revenue offices list lagging desa.")
    var lowest = false

    func run() async throws {
        let date = asOf, city = options.city, year = options.year, level = self.level, lowest = self.lowest
        let board = try await options.withAggregates { connection in
            try Rankings.pbb(city: city, year: year, level: level, asOf: date, lowest: lowest, on: connection)
        }
        try options.emit(board, asOf: date)
    }
}
