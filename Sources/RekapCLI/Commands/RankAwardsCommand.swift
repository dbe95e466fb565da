import ArgumentParser
import RekapReport
import RekapStore

/// `rekap rank awards --city CODE --year Y`.
struct RankAwardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "awards",
        abstract: "Kelurahan medal table from awards: most firsts, then seconds, then thirds.",
        discussion: """
            From the latest revision of every report of the year; an award named in several reports counts once. \
            Awards without a podium place (Harapan) are shown as other and not ranked on. JSON rows carry rank, \
            region, name, gold, silver, bronze and other.
            """
    )

    @OptionGroup var options: RankingOptions

    func run() async throws {
        let city = options.city, year = options.year
        let board = try await options.withAggregates { connection in
            try Rankings.awards(city: city, year: year, on: connection)
        }
        try options.emit(board)
    }
}
