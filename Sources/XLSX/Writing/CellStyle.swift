/// How a cell looks, and whether it is locked once its sheet is protected. Each distinct style
/// becomes one entry of the workbook's style sheet.
public struct CellStyle: Sendable, Hashable {
    public var bold: Bool
    /// Font size in points; nil for the default (11).
    public var fontSize: Int?
    public var numberFormat: NumberFormat
    /// Indentation level of the text (about three spaces each), for trees such as program → kegiatan.
    public var indent: Int
    /// Locked cells cannot be edited while the sheet is protected (spreadsheets lock every cell by default).
    public var locked: Bool
    public var wrap: Bool
    /// A light grey background, for header rows and computed columns.
    public var shaded: Bool
    /// A thin border around the cell (table cells).
    public var bordered: Bool
    public var alignment: HorizontalAlignment?

    public init(bold: Bool = false, fontSize: Int? = nil, numberFormat: NumberFormat = .general, indent: Int = 0,
                locked: Bool = true, wrap: Bool = false, shaded: Bool = false, bordered: Bool = false,
                alignment: HorizontalAlignment? = nil) {
        self.bold = bold
        self.fontSize = fontSize
        self.numberFormat = numberFormat
        self.indent = indent
        self.locked = locked
        self.wrap = wrap
        self.shaded = shaded
        self.bordered = bordered
        self.alignment = alignment
    }

    /// A copy with other changes.
    public func with(_ change: (inout CellStyle) -> Void) -> CellStyle {
        var copy = self
        change(&copy)
        return copy
    }

    public enum HorizontalAlignment: String, Sendable, Hashable {
        case left, center, right
    }
}

/// Number formats. The grouping and decimal marks in a format code are placeholders: the program
/// shows them in the reader's locale, so `#,##0` shows 12.763.150.960 and `#,##0.00` 98,51 on an
/// Indonesian system (and 12,763,150,960 / 98.51 on an English one).
public enum NumberFormat: Sendable, Hashable {
    /// As typed (built-in 0).
    case general
    /// Thousands grouped, no decimals: `#,##0` (built-in 3).
    case grouped
    /// Thousands grouped, two decimals: `#,##0.00` (built-in 4).
    case groupedDecimals
    /// Two decimals: `0.00` (built-in 2).
    case decimals
    /// A fraction shown as a percentage with two decimals: 0.9851 → 98,51% (`0.00%`, built-in 10).
    case percent
    /// Text: what is typed stays text, so codes such as 14.72.02 never become numbers (`@`, built-in 49).
    case text
    /// A day, `dd/mm/yyyy` as Indonesian offices write it.
    case date
    /// Any other format code.
    case custom(String)

    /// The built-in format id, or nil for a format the style sheet must declare.
    var builtinID: Int? {
        switch self {
        case .general: 0
        case .decimals: 2
        case .grouped: 3
        case .groupedDecimals: 4
        case .percent: 10
        case .text: 49
        case .date, .custom: nil
        }
    }

    /// The format code of a declared format.
    var code: String {
        switch self {
        case .general: "General"
        case .decimals: "0.00"
        case .grouped: "#,##0"
        case .groupedDecimals: "#,##0.00"
        case .percent: "0.00%"
        case .text: "@"
        case .date: "dd/mm/yyyy"
        case .custom(let code): code
        }
    }
}
