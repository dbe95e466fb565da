import ArgumentParser
import Foundation
import RekapStore

/// `rekap regions import FILE.csv`: loads regions (`code,name,level,parent_code`); re-import
/// updates names (contract §3). A file with any bad line is rejected whole (exit 65), listing them.
struct RegionsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Loads regions from a CSV file (code,name,level,parent_code); re-import updates names.",
        discussion: "All or nothing: a file with any bad line is rejected, listing the bad lines with their line "
            + "numbers, and nothing of it is stored."
    )

    @Argument(help: ArgumentHelp("The regions file: UTF-8 CSV with the header code,name,level,parent_code.", valueName: "FILE.csv"))
    var file: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let file = file
        let started = ContinuousClock.now
        let result = try await database.withClient(maxConnections: 1) { client in
            try await RegionImporter().importFile(at: file, client: client)
        }
        let seconds = (ContinuousClock.now - started).components
        let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
        Console.output(
            "imported \(file): \(result.rows) regions, \(result.inserted) inserted, \(result.renamed) renamed, "
                + "\(result.unchanged) unchanged (\(String(format: "%.1f", elapsed)) s)")
    }
}
