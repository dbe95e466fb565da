/// A table sheet: its name, a title row, a header row and the columns below it.
public struct SheetLayout: Sendable, Hashable {
    /// The sheet's name (as problems name it: `Anggaran!F12`).
    public let name: String
    /// Row 1's title (followed by the region's name and the year in the template).
    public let title: String
    public let columns: [Column]

    /// Headers are in row 3 (row 1 the title, row 2 empty), data from row 4 down.
    public let headerRow = 3
    public let firstDataRow = 4

    public init(name: String, title: String, columns: [Column]) {
        self.name = name
        self.title = title
        self.columns = columns
    }

    /// The column holding `key` (a JSON field, `previous/target` for a nested one).
    public func column(key: String) -> Column? {
        columns.first { $0.key == key }
    }

    /// The columns read back into the document (those with a key, never formulas or information).
    public var inputColumns: [Column] {
        columns.filter { $0.key != nil && $0.value.isInput }
    }
}

/// One column of a table sheet.
public struct Column: Sendable, Hashable {
    /// Its letters (`F`).
    public let letter: String
    /// The header people read (Bahasa Indonesia).
    public let header: String
    /// The JSON field of the row's object it holds, `/`-separated when nested (`previous/target`,
    /// `quarters/Q1`); nil for a column that is not part of the document (levels, formulas,
    /// information).
    public let key: String?
    public let value: CellValueKind
    /// Width in characters, so the template's columns fit their content.
    public let width: Int
    /// A row with any input must have this column filled.
    public let required: Bool

    public init(_ letter: String, _ header: String, key: String?, _ value: CellValueKind, width: Int, required: Bool = false) {
        self.letter = letter
        self.header = header
        self.key = key
        self.value = value
        self.width = width
        self.required = required
    }
}

/// A single value on the Identitas sheet: label in column A, value in column B of `row`.
public struct IdentityField: Sendable, Hashable {
    public let row: Int
    public let label: String
    /// Where the value goes in the document (`/signed/date`); nil for information only (the
    /// region's name).
    public let pointer: String?
    public let value: CellValueKind
    /// Identifying cells (region, year, period, kind) are locked in the template and must match
    /// the metadata sheet when read.
    public let locked: Bool

    public init(row: Int, label: String, pointer: String?, value: CellValueKind, locked: Bool = false) {
        self.row = row
        self.label = label
        self.pointer = pointer
        self.value = value
        self.locked = locked
    }
}

/// What a cell holds, which decides how it is written (number format, validation) and read.
public enum CellValueKind: Sendable, Hashable {
    /// Free text (names, sasaran).
    case text
    /// A code or number-like identifier kept as text (kode wilayah, program codes, NIP): never a number.
    case code
    /// Rupiah: a number cell (`#.##0` the Indonesian way) or text as §1.4; ≤ 2 decimals, not negative.
    case amount
    /// An indicator value: a number cell or text as §1.4; ≤ 6 decimals.
    case indicatorValue
    /// A whole number (objek counts).
    case integer
    /// A year (2023).
    case year
    /// A date: a date cell (serial number), `dd/mm/yyyy` or `yyyy-mm-dd` text.
    case date
    /// One of a list (data validation dropdown).
    case choice([Choice])
    /// A region of the workbook's region (its kelurahan and desa, or itself): a dropdown of
    /// "code name" entries; the code is read.
    case regionChoice
    /// Computed by a formula for the person; never read back.
    case formula
    /// Shown for the person (a name beside a code, the PK's target); never read back.
    case information

    /// Whether the reader takes it as input.
    public var isInput: Bool {
        switch self {
        case .formula, .information: false
        default: true
        }
    }
}
