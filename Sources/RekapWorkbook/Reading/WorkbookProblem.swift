import Foundation
import RekapDomain

/// A reason a workbook is refused, naming the cell (`Anggaran!F12`) where there is one, and the
/// JSON pointer of the field it stands for where the problem is the document's (found by the same
/// decoder as for JSON). Messages are in Bahasa Indonesia.
public struct WorkbookProblem: Sendable, Hashable, CustomStringConvertible {
    /// `Anggaran!F12`, `Anggaran!5` never: a sheet and a cell, or a sheet alone, or nil for the file.
    public let cell: String?
    public let problem: Problem

    public init(cell: String?, _ problem: Problem) {
        self.cell = cell
        self.problem = problem
    }

    public init(cell: String?, _ kind: Problem.Kind, at pointer: JSONPointer = .root, _ reason: String) {
        self.init(cell: cell, Problem(kind, at: pointer, reason))
    }

    public var description: String { "\(cell ?? "(workbook)"): \(problem.reason)" }
}

/// A sheet and cell as problems name them: `Anggaran!F12`; a sheet name with spaces or punctuation
/// is quoted as spreadsheets do (`'PK Program'!C4`).
public func cellName(sheet: String, column: String, row: Int) -> String {
    sheetPrefix(sheet) + column + String(row)
}

func sheetPrefix(_ sheet: String) -> String {
    let plain = sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    return (plain ? sheet : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'") + "!"
}

extension WorkbookProblem {
    /// `[{"cell", "pointer", "kind", "reason"}]`: a rejection's `problems` as for JSON, each with
    /// its cell (`null` for the file as a whole).
    public static func json(_ problems: [WorkbookProblem]) -> JSONValue {
        .array(problems.map { problem in
            .object([
                JSONMember(key: "cell", value: problem.cell.map { .string($0) } ?? .null),
                JSONMember(key: "pointer", value: .string(problem.problem.pointer.description)),
                JSONMember(key: "kind", value: .string(problem.problem.kind.rawValue)),
                JSONMember(key: "reason", value: .string(problem.problem.reason)),
            ])
        })
    }

    /// `answer` (a check or submit answer in JSON) with its `problems` member replaced by `problems`.
    public static func replacingProblems(in answer: JSONValue, with problems: [WorkbookProblem]) -> JSONValue {
        guard case .object(let members) = answer else { return answer }
        return .object(members.map { $0.key == "problems" ? JSONMember(key: "problems", value: json(problems)) : $0 })
    }

    /// `{"status": "rejected", "problems": […]}`: a workbook refused before it became a document.
    public static func rejection(_ problems: [WorkbookProblem]) -> JSONValue {
        .object([JSONMember(key: "status", value: .string("rejected")), JSONMember(key: "problems", value: json(problems))])
    }
}
