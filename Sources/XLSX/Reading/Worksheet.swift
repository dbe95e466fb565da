/// What one cell holds, read as the spreadsheet shows it.
public enum CellValue: Sendable, Hashable {
    /// A shared, inline or formula string (rich text runs joined).
    case text(String)
    /// A number at full shown precision, as plain decimal text (``SpreadsheetNumber``): `91.72`.
    case number(String)
    /// A number shown as a date by its cell's number format; `serial` is its number (as `.number` holds it).
    case date(SpreadsheetDate, serial: String)
    case bool(Bool)
    /// An error value (`#DIV/0!`, `#REF!`).
    case error(String)
}

/// One cell of a worksheet. A formula cell holds its cached value (what the spreadsheet showed when
/// saved); the formula itself is never evaluated.
public struct Cell: Sendable, Hashable {
    public let reference: CellReference
    public let value: CellValue
    /// Whether the cell's value came from a formula.
    public let isFormula: Bool

    public init(reference: CellReference, value: CellValue, isFormula: Bool = false) {
        self.reference = reference
        self.value = value
        self.isFormula = isFormula
    }
}

/// A rectangle of merged cells (`B3:D3`); its value is the top-left cell's.
public struct MergedRange: Sendable, Hashable {
    public let topLeft: CellReference
    public let bottomRight: CellReference

    public func contains(_ reference: CellReference) -> Bool {
        (topLeft.row...bottomRight.row).contains(reference.row) && (topLeft.column...bottomRight.column).contains(reference.column)
    }
}

/// One worksheet's cells (only those with a value) and merged ranges; no XML is kept.
public struct Worksheet: Sendable {
    public let name: String
    public let hidden: Bool
    public let mergedRanges: [MergedRange]
    private let cells: [CellReference: Cell]
    private let byRow: [Int: [Cell]]
    /// Row numbers that hold at least one cell, ascending.
    public let rows: [Int]

    init(name: String, hidden: Bool, cells: [CellReference: Cell], mergedRanges: [MergedRange]) {
        self.name = name
        self.hidden = hidden
        self.mergedRanges = mergedRanges
        // A cell covered by a merge (not its top-left) shows nothing, whatever the file still holds there.
        var visible = cells
        for range in mergedRanges {
            for (reference, _) in cells where range.contains(reference) && reference != range.topLeft {
                visible[reference] = nil
            }
        }
        self.cells = visible
        self.byRow = Dictionary(grouping: visible.values, by: \.reference.row).mapValues { $0.sorted { $0.reference < $1.reference } }
        self.rows = byRow.keys.sorted()
    }

    /// The cell at `reference`, nil when it holds nothing.
    public subscript(reference: CellReference) -> Cell? { cells[reference] }

    /// The cell at `column` letters and `row`, nil when it holds nothing.
    public func cell(_ column: String, _ row: Int) -> Cell? {
        guard let number = CellReference.column(letters: column), let reference = CellReference(column: number, row: row) else { return nil }
        return cells[reference]
    }

    /// The cells of `row`, by column.
    public func cells(inRow row: Int) -> [Cell] {
        byRow[row] ?? []
    }

    /// Every cell, row-major.
    public var allCells: [Cell] { cells.values.sorted { $0.reference < $1.reference } }
}
