import ArgumentParser
import RekapReport
import RekapStore

/// `rekap rank iku --city CODE --year Y [--indicator CODE] [--lowest]`.
struct RankIkuCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iku",
        abstract: "Kecamatan ranked by IKU capaian: the mean across their indicators, or one indicator's.",
        discussion: """
            Each kecamatan's indicators come from its latest FY revision, else its latest quarter. The mean counts \
            each indicator at most the city's capaian cap, when one is set. In CSV and JSON, the mean's numerator is \
            Σ capaian and its denominator the number of indicators; one indicator's are its realisasi and target.
            """
    )

    @OptionGroup var options: RankingOptions

    @Option(help: ArgumentHelp("Rank by this indicator's capaian.", valueName: "CODE"))
    var indicator: String?

    @Flag(help: "Lowest first: 1 is the lowest.")
    var lowest = false

    func run() async throws {
        let city = options.city, year = options.year, indicator = self.indicator, lowest = self.lowest
        let board = try await options.withAggregates { connection in
            try Rankings.iku(city: city, year: year, indicator: indicator, lowest: lowest, on: connection)
        }
        try options.emit(board)
    }
}
