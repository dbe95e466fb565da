import ArgumentParser
import Foundation
import RekapDomain
import RekapReport
import RekapStore

/// `rekap submissions list --region CODE [--year Y]`: every stored revision of the region and of the
/// regions inside it, with its findings counted by severity; then its plan documents' revisions (Renstra
/// and PK), with their open findings across documents.
struct SubmissionsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Lists the stored revisions of a region's submissions (and of the regions inside it)."
    )

    @Option(help: ArgumentHelp("The region: a kecamatan or kelurahan, or a city for all of its regions.", valueName: "CODE"))
    var region: String

    @Option(help: "Only this year.")
    var year: Int?

    @Option(help: "Output format: table or json.")
    var format: SubmissionOutput.Format = .table

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        do {
            _ = try RegionCode(parsing: region)
        } catch {
            throw ValidationError("--region: \(error)")
        }
    }

    func run() async throws {
        let code = try RegionCode(parsing: region)
        let year = self.year
        let (listings, plans) = try await database.withClient(maxConnections: 1) { client in
            (try await SubmissionStore(client: client).list(region: code, year: year),
             try await PlanStore(client: client).list(region: code, year: year))
        }
        switch format {
        case .json:
            print(JSONWriter.string(PlanJSON.listings(reports: listings, plans: plans)))
        case .table:
            defer { if !plans.isEmpty { print("\n" + Self.planTable(plans), terminator: "") } }
            if listings.isEmpty {
                Console.output("no submissions for \(code)" + (year.map { " in \($0)" } ?? ""))
                return
            }
            print(TextTable.render([["id", "region", "year", "period", "revision", "submitted (UTC)", "errors", "warnings", "infos"]]
                                   + listings.map { listing in
                let revision = listing.revision
                return [String(revision.id), revision.region.text, String(revision.year), revision.period.rawValue, String(revision.revision),
                        DbStatusCommand.timestamp(listing.submittedAt), String(listing.findings.errors),
                        String(listing.findings.warnings), String(listing.findings.infos)]
            }), terminator: "")
        }
    }

    /// The plan revisions: id, region, document, revision, when, own findings, open cross findings.
    static func planTable(_ plans: [PlanListing]) -> String {
        TextTable.render([["id", "region", "document", "revision", "submitted (UTC)", "errors", "warnings", "infos", "cross"]]
                         + plans.map { listing in
            let revision = listing.revision
            let years = revision.kind == .renstra ? "\(revision.from)–\(revision.to)" : String(revision.from)
            return [String(revision.id), revision.region.text, "\(revision.kind.label) \(years)", String(revision.revision),
                    DbStatusCommand.timestamp(listing.submittedAt), String(listing.findings.errors),
                    String(listing.findings.warnings), String(listing.findings.infos), String(listing.crossFindings)]
        })
    }
}
