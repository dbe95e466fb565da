import ArgumentParser
import Foundation
import RekapDomain
import RekapReport
import RekapStore
import RekapWorkbook

/// `rekap submit FILE.json|FILE.xlsx`: checks a document (a report, a Renstra or a PK: its `format`
/// decides) against the contract and the region registry and stores it as the next revision of its key
/// (contract §1, §1.2, §3), then recomputes the findings across documents of its region and year. A
/// workbook is stored as the JSON it stands for (`rekap convert`), its problems naming sheet and cell.
///
/// Exit 0 when stored, with its id, revision and findings, or when the same bytes are already stored
/// ("unchanged"); 65 when rejected, listing every problem with its JSON pointer (nothing is stored);
/// 64 when the file cannot be read; 69 when the database cannot be reached.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Stores a submission or plan document; prints its id, revision and findings."
    )

    @Argument(help: "The document (rekap.submission/v1, rekap.renstra/v1 or rekap.pk/v1 JSON, or an .xlsx workbook from rekap template).")
    var file: String

    @Option(help: "Output format: table or json.")
    var format: SubmissionOutput.Format = .table

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let input = try DocumentInput.read(file)
        guard let bytes = input.bytes else { try input.refuse(file, format: format) }
        let outcome = try await database.withClient(maxConnections: 1) { client in
            try await SubmissionStore(client: client).submitDocument(bytes: bytes)
        }
        switch format {
        case .table:
            if input.isWorkbook, !outcome.problems.isEmpty {
                print(input.rejectionTable(outcome.problems), terminator: "")
            } else {
                print(Self.table(outcome), terminator: "")
            }
        case .json:
            print(JSONWriter.string(input.answer(Self.json(outcome), problems: outcome.problems)))
        }
        switch outcome {
        case .report(.rejected(let problems), _), .plan(.rejected(let problems)):
            Console.error("rekap: \(file) is rejected: \(problems.total) problem\(problems.total == 1 ? "" : "s"); nothing is stored")
            throw ExitStatus.rejected
        case .report(.stored(let revision, let findings, _), _):
            Console.error("rekap: \(file) is stored as revision \(revision.revision) (id \(revision.id)) with \(findings.count) finding\(findings.count == 1 ? "" : "s")")
        case .plan(.stored(let revision, _, let findings, _)):
            Console.error("rekap: \(file) is stored as revision \(revision.revision) (id \(revision.id)) with \(findings.count) finding\(findings.count == 1 ? "" : "s")")
        case .report(.unchanged, _), .plan(.unchanged):
            break
        }
    }

    static func table(_ outcome: DocumentSubmitOutcome) -> String {
        switch outcome {
        case .report(let outcome, let cross):
            table(outcome) + SubmissionOutput.crossFindingsText(cross)
        case .plan(.rejected(let problems)):
            "REJECTED\n" + SubmissionOutput.problemsTable(problems)
        case .plan(.stored(let revision, _, let findings, let cross)):
            "STORED \(SubmissionOutput.title(revision))\n" + SubmissionOutput.findingsTable(findings) + SubmissionOutput.crossFindingsText(cross)
        case .plan(.unchanged(let revision)):
            "unchanged: identical to revision \(revision.revision) (id \(revision.id))\n"
        }
    }

    static func table(_ outcome: SubmitOutcome) -> String {
        switch outcome {
        case .rejected(let problems):
            "REJECTED\n" + SubmissionOutput.problemsTable(problems)
        case .stored(let revision, let findings, let summary):
            "STORED \(SubmissionOutput.title(revision))\n" + SubmissionOutput.findingsTable(findings) + SubmissionOutput.figuresTables(summary)
        case .unchanged(let revision):
            "unchanged: identical to revision \(revision.revision) (id \(revision.id))\n"
        }
    }

    /// `{"status": "stored" | "unchanged" | "rejected", …}` (shared with the HTTP API).
    static func json(_ outcome: DocumentSubmitOutcome) -> JSONValue { PlanJSON.outcome(outcome) }
}
