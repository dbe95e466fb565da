import XLSX

/// The looks of a template's cells: identifying and computed cells locked, input cells unlocked,
/// each with the number format of what it holds.
enum TemplateStyles {
    static let title = CellStyle(bold: true, fontSize: 14)
    static let header = CellStyle(bold: true, wrap: true, shaded: true, bordered: true)
    static let label = CellStyle(bold: true, bordered: true)
    static let lockedText = CellStyle(numberFormat: .text, bordered: true)
    static let lockedValue = CellStyle(bordered: true)
    static let note = CellStyle(wrap: true)

    /// A cell a person fills, holding `kind`.
    static func input(_ kind: CellValueKind, indent: Int = 0) -> CellStyle {
        CellStyle(numberFormat: format(kind), indent: indent, locked: false, bordered: true)
    }

    /// A computed or informative cell: locked and shaded.
    static func computed(_ format: NumberFormat) -> CellStyle {
        CellStyle(numberFormat: format, locked: true, shaded: true, bordered: true)
    }

    /// The number format a value of `kind` is shown with.
    static func format(_ kind: CellValueKind) -> NumberFormat {
        switch kind {
        case .code, .text, .choice, .regionChoice: .text
        case .amount, .integer: .grouped
        case .indicatorValue, .year, .formula, .information: .general
        case .date: .date
        }
    }

    /// The style of a column's empty cells below the written rows.
    static func column(_ column: Column) -> CellStyle {
        column.value.isInput ? input(column.value) : computed(format(column.value))
    }
}
