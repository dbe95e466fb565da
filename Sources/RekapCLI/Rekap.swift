import ArgumentParser
import RekapDomain

@main
struct Rekap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekap",
        abstract: "Consolidates kecamatan and kelurahan performance reports for a city's Bappeda.",
        version: RekapVersion.text,
        subcommands: [
            DbCommand.self,
            RegionsCommand.self,
            ValidateCommand.self,
            PbbCommand.self,
            SubmitCommand.self,
            ConvertCommand.self,
            SubmissionsCommand.self,
            TokenCommand.self,
            UserCommand.self,
            CityCommand.self,
            ConsolidateCommand.self,
            ObligationsCommand.self,
            RankCommand.self,
            ReportCommand.self,
            TemplateCommand.self,
            DemoCommand.self,
        ]
    )

    static func main() async {
        LogSetup.bootstrap()
        await main(nil)
    }
}
