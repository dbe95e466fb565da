import ArgumentParser
import Foundation
import RekapDomain
import RekapStore
import RekapWorkbook
import XLSX

/// `rekap template --region CODE --year Y [--period FY|Q1…Q4] [--document report|renstra|pk]
/// [--kind murni|perubahan] [--from Y --to Y] --out FILE.xlsx`: the Excel workbook an office fills
/// (docs/workbook.md), pre-filled with what rekap already knows.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Writes the Excel workbook an office fills for a report, a Renstra or a PK.",
        discussion: """
            A report's workbook holds the region's kelurahan and, when the report already has a revision, \
            that revision's values (so `rekap convert` of the untouched file gives it back); otherwise last \
            year's FY rows (codes and names, no values). A Renstra needs --from and --to; a PK --year and --kind.
            """
    )

    enum Document: String, ExpressibleByArgument, CaseIterable {
        case report, renstra, pk
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The kecamatan, kelurahan or desa, e.g. 14.72.02.", valueName: "CODE"))
    var region: RegionCode

    @Option(help: "The year (report and PK).")
    var year: Int?

    @Option(help: "The report's period: FY (default) or Q1…Q4.")
    var period: Period = .fy

    @Option(help: "Which document: report (default), renstra or pk.")
    var document: Document = .report

    @Option(help: "The PK's kind: murni (default) or perubahan.")
    var kind: PKKind = .murni

    @Option(help: "The Renstra's first year.")
    var from: Int?

    @Option(help: "The Renstra's last year (at most five years after --from).")
    var to: Int?

    @Option(help: ArgumentHelp("Where to write the workbook.", valueName: "FILE.xlsx"))
    var out: String

    func validate() throws {
        switch document {
        case .report, .pk:
            guard let year else { throw ValidationError("--year is required for a \(document.rawValue) workbook") }
            guard (1900...2999).contains(year) else { throw ValidationError("--year must be between 1900 and 2999") }
        case .renstra:
            guard let from, let to else { throw ValidationError("--from and --to are required for a Renstra workbook") }
            guard (1900...2999).contains(from), from <= to, to - from <= 5 else {
                throw ValidationError("--from … --to must be a period of at most five years (contract §1.2), not \(from)–\(to)")
            }
        }
    }

    func run() async throws {
        let region = self.region, year = self.year ?? 0, period = self.period, kind = self.kind, document = self.document
        let from = self.from ?? 0, to = self.to ?? 0
        let data: Data = try await database.withClient(maxConnections: 1) { client in
            let facts = TemplateFacts(client: client)
            do {
                switch document {
                case .report: return try ReportTemplate.workbook(try await facts.report(region: region, year: year, period: period)).data()
                case .renstra: return try RenstraTemplate.workbook(try await facts.renstra(region: region, from: from, to: to)).data()
                case .pk: return try PKTemplate.workbook(try await facts.pk(region: region, year: year, kind: kind)).data()
                }
            } catch let error as TemplateFactsError {
                Console.error("rekap: " + error.description)
                throw ExitStatus.usage
            }
        }
        try CommandOutput.write(data, to: out, describing: "the \(document.rawValue) workbook of \(region)")
    }
}
