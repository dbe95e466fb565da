import RekapDomain

/// A workbook read into the contract's JSON document, with where each field came from.
public struct WorkbookConversion: Sendable {
    /// Which document the workbook stands for (its metadata sheet).
    public let kind: WorkbookLayout.DocumentKind
    /// The §1 / §1.2 document, as the project's decoders take it.
    public let document: JSONValue
    /// Pointer → `Sheet!Cell` of every field and row read.
    public let cells: [JSONPointer: String]

    /// The document's bytes: what `rekap convert` prints and what is checked and stored, the same
    /// as submitting that JSON.
    public var json: String { JSONWriter.string(document) }

    /// The cell of `pointer`, or of the nearest enclosing field or row that has one.
    public func cell(for pointer: JSONPointer) -> String? {
        var tokens = pointer.tokens
        while true {
            if let cell = cells[JSONPointer(tokens: tokens)] { return cell }
            if tokens.isEmpty { return nil }
            tokens.removeLast()
        }
    }

    /// The decoder's problems on ``document``, each with its cell.
    public func locate(_ problems: [Problem]) -> [WorkbookProblem] {
        problems.map { WorkbookProblem(cell: $0.kind == .moreProblems ? nil : cell(for: $0.pointer), $0) }
    }
}
