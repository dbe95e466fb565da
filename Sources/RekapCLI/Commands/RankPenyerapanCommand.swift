import ArgumentParser
import RekapReport
import RekapStore

/// `rekap rank penyerapan --city CODE --year Y [--lowest]`.
struct RankPenyerapanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "penyerapan",
        abstract: "Kecamatan ranked by budget absorption: realisasi ÷ pagu of their total.",
        discussion: "Each kecamatan's budget comes from its latest FY revision, else its latest quarter."
    )

    @OptionGroup var options: RankingOptions

    @Flag(help: "Lowest first: 1 is the lowest.")
    var lowest = false

    func run() async throws {
        let city = options.city, year = options.year, lowest = self.lowest
        let board = try await options.withAggregates { connection in
            try Rankings.penyerapan(city: city, year: year, lowest: lowest, on: connection)
        }
        try options.emit(board)
    }
}
