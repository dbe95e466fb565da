import ArgumentParser
import Foundation
import RekapDomain
import RekapReport
import RekapWorkbook

/// `rekap validate FILE.json|FILE.xlsx`: checks a document (report, Renstra or PK: `format` decides)
/// without a database and prints its problems or findings. A workbook is read into the JSON it stands
/// for and checked as that JSON; its problems name the sheet and cell (`Anggaran!F12`).
///
/// Exit 0 when accepted (with or without findings), 65 when rejected, 64 when the file cannot be read.
/// Region codes are checked for shape and scope only; whether they exist needs the registry (`rekap submit`),
/// or a regions CSV given with `--regions`.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks a submission without a database; prints findings."
    )

    @Argument(help: "The document (rekap.submission/v1, rekap.renstra/v1 or rekap.pk/v1 JSON, or an .xlsx workbook from rekap template).")
    var file: String

    @Option(help: "Output format: table or json.")
    var format: SubmissionOutput.Format = .table

    @Option(help: ArgumentHelp("A regions CSV (code,name,level,parent_code) to check that named regions exist.",
                               valueName: "FILE.csv"))
    var regions: String?

    func run() async throws {
        let input = try DocumentInput.read(file)
        guard let bytes = input.bytes else { try input.refuse(file, format: format) }
        var checker = SubmissionChecker()
        if let regions {
            guard let text = try? String(contentsOfFile: regions, encoding: .utf8) else {
                Console.error("rekap: cannot read the regions file \(regions)")
                throw ExitStatus.usage
            }
            // Only the code column matters here; it never needs CSV quoting (digits and dots).
            let codes = Set(text.split(whereSeparator: \.isNewline).dropFirst().map { String($0.prefix { $0 != "," }) })
            checker.knownRegion = { codes.contains($0.text) }
        }
        let result = DocumentChecker(submissions: checker).check(bytes)
        switch format {
        case .json:
            print(JSONWriter.string(input.answer(Self.json(result), problems: result.problems)))
        case .table:
            print(input.isWorkbook && !result.problems.isEmpty ? input.rejectionTable(result.problems) : Self.table(result), terminator: "")
        }
        switch result {
        case .submission(.rejected(let problems)), .planRejected(let problems):
            Console.error("rekap: \(file) is rejected: \(problems.total) problem\(problems.total == 1 ? "" : "s")")
            throw ExitStatus.rejected
        case .submission(.accepted(_, let findings, _, _)), .planAccepted(_, let findings, _):
            Console.error("rekap: \(file) is accepted with \(findings.count) finding\(findings.count == 1 ? "" : "s")")
        }
    }

    static func json(_ result: DocumentCheckResult) -> JSONValue {
        switch result {
        case .submission(let result): CheckReport.json(result)
        case .planRejected(let problems): CheckReport.json(.rejected(problems))
        case .planAccepted(let plan, let findings, _): PlanJSON.accepted(plan, findings: findings)
        }
    }

    static func table(_ result: DocumentCheckResult) -> String {
        switch result {
        case .submission(let result):
            return table(result)
        case .planRejected(let problems):
            return "REJECTED\n" + SubmissionOutput.problemsTable(problems)
        case .planAccepted(let plan, let findings, _):
            let (from, to) = PlanJSON.years(plan)
            let kind = PlanKind(plan)
            return "ACCEPTED \(kind.label) \(kind == .renstra ? "\(from)–\(to)" : String(from)) \(plan.region)\n"
                + SubmissionOutput.findingsTable(findings)
        }
    }

    static func table(_ result: CheckResult) -> String {
        switch result {
        case .rejected(let problems):
            "REJECTED\n" + SubmissionOutput.problemsTable(problems)
        case .accepted(let submission, let findings, let summary, _):
            "ACCEPTED \(submission.region) \(submission.year) \(submission.period.rawValue)\n"
                + SubmissionOutput.findingsTable(findings) + SubmissionOutput.figuresTables(summary)
        }
    }
}
