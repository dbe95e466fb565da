import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// `rekap report --city CODE --year Y --format md|html|csv|json [--output FILE] [--fresh]`: the consolidated
/// city report (LKjIP chapter III across every kecamatan and kelurahan), with open findings.
///
/// Reads the aggregates as the last consolidation left them, as `rekap rank` does (`AggregatePreparation`):
/// when they are stale it says so on stderr and still prints the report, with the warning inside it too;
/// `--fresh` recomputes them first; aggregates never computed are computed now. `table`, the default every `rank` and `report` command accepts (contract §3), is Markdown:
/// its pipe tables are padded, so it reads as a plain-text table in a terminal.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The consolidated city report, with findings.",
        discussion: "Formats: table (= md), md, html (one self-contained file), csv (docs/report-csv.md), json (docs/report-json.md), xlsx (docs/workbook.md)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, md, html, csv, json, xlsx

        /// The text format; nil for xlsx.
        var kind: ReportFormatKind? {
            switch self {
            case .table, .md: .md
            case .html: .html
            case .csv: .csv
            case .json: .json
            case .xlsx: nil
            }
        }
    }

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var target: CityYearOptions

    @Option(help: "Output format: table (Markdown), md, html, csv, json or xlsx (an Excel workbook, one sheet per table).")
    var format: Format = .table

    @Option(help: ArgumentHelp("Write the report to FILE instead of stdout.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Recompute the city's aggregates first when a submission or PBB-P2 load is newer than them.")
    var fresh = false

    @Option(help: "Language of the report's titles, headings, notes and findings: id (Bahasa Indonesia) or en. CSV and JSON keys never change.")
    var lang: Language = .default

    func run() async throws {
        let city = target.city, year = target.year, fresh = self.fresh
        let report = try await database.withClient(maxConnections: 1) { client in
            do {
                try await AggregatePreparation.prepare(city: city, year: year, fresh: fresh, client: client)
                return try await CityReportLoader.load(city: city, year: year, client: client)
            } catch let error as CityReportError {
                Console.error("rekap: " + error.reason)
                throw ExitStatus.usage
            } catch let error as ConsolidationError {
                Console.error("rekap: " + error.description)
                throw ExitStatus.usage
            }
        }
        guard let kind = format.kind else {
            return try CommandOutput.write(try XLSXRenderer.render(report, language: lang), to: output,
                                           describing: "the xlsx report of \(report.city.name) (\(city)) \(year)")
        }
        let text = kind.render(report, language: lang)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            Console.error("rekap: cannot write \(output): \(error.localizedDescription)")
            throw ExitStatus.failure
        }
        Console.error("rekap: wrote the \(format.rawValue) report of \(report.city.name) (\(city)) \(year) to \(output)")
    }
}
