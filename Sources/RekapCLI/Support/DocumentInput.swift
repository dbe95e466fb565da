import Foundation
import RekapDomain
import RekapReport
import RekapWorkbook

/// A document given to `validate`, `submit` or `convert`: JSON as it is, or a workbook read into the
/// JSON it stands for (contract §1.4), decided by the file's extension and first bytes.
enum DocumentInput {
    case json(Data)
    /// A workbook read into its document: check and store its JSON, name cells in problems.
    case workbook(WorkbookConversion)
    /// A workbook refused before it became a document.
    case refusedWorkbook([WorkbookProblem])

    /// Reads `file`; an unreadable file is a usage error (exit 64), reported by ``SubmissionOutput``.
    static func read(_ file: String) throws -> DocumentInput {
        let bytes = try SubmissionOutput.readDocument(file)
        guard WorkbookDetection.isWorkbook(fileName: file, head: bytes.prefix(8)) else { return .json(bytes) }
        switch WorkbookReader.read(bytes) {
        case .success(let conversion): return .workbook(conversion)
        case .failure(let rejection): return .refusedWorkbook(rejection.problems)
        }
    }

    /// The bytes checked and stored: the file's, or the workbook's JSON.
    var bytes: Data? {
        switch self {
        case .json(let data): data
        case .workbook(let conversion): Data(conversion.json.utf8)
        case .refusedWorkbook: nil
        }
    }

    /// The problems as the rejection lists them: with cells for a workbook.
    func located(_ problems: [Problem]) -> [WorkbookProblem] {
        switch self {
        case .workbook(let conversion): conversion.locate(problems)
        default: problems.map { WorkbookProblem(cell: nil, $0) }
        }
    }

    /// Every problem of a workbook rejection: kind, cell, pointer, reason.
    static func problemsTable(_ problems: [WorkbookProblem]) -> String {
        TextTable.render([["kind", "cell", "pointer", "reason"]] + problems.map {
            [$0.problem.kind.rawValue, $0.cell ?? "(workbook)", SubmissionOutput.display($0.problem.pointer), $0.problem.reason]
        })
    }
}

extension DocumentInput {
    var isWorkbook: Bool {
        if case .json = self { return false }
        return true
    }

    /// "REJECTED" and the problems with their cells.
    func rejectionTable(_ problems: [Problem]) -> String {
        "REJECTED\n" + Self.problemsTable(located(problems))
    }

    /// A JSON answer (check or submit) with each problem's cell when the input is a workbook.
    func answer(_ answer: JSONValue, problems: [Problem]) -> JSONValue {
        guard isWorkbook, !problems.isEmpty else { return answer }
        return WorkbookProblem.replacingProblems(in: answer, with: located(problems))
    }

    /// Prints a refused workbook's problems and exits 65: nothing is checked further or stored.
    func refuse(_ file: String, format: SubmissionOutput.Format) throws -> Never {
        let problems: [WorkbookProblem] = if case .refusedWorkbook(let problems) = self { problems } else { [] }
        switch format {
        case .table: print("REJECTED\n" + Self.problemsTable(problems), terminator: "")
        case .json: print(JSONWriter.string(WorkbookProblem.rejection(problems)))
        }
        Console.error("rekap: \(file) is rejected: \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing is stored")
        throw ExitStatus.rejected
    }
}
