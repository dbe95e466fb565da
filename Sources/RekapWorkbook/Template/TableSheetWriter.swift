import ExactDecimal
import Foundation
import RekapDomain
import XLSX

/// Writes one table sheet of ``WorkbookLayout``: the title in row 1 (merged across the table), the
/// headers in ``SheetLayout/headerRow`` (frozen), then rows from ``SheetLayout/firstDataRow``, each
/// cell styled by its column's kind (input cells unlocked, computed and informative ones locked),
/// then spare rows with the formulas ready for what people add, and the dropdowns.
struct TableSheetWriter {
    let layout: SheetLayout
    let sheet: SheetWriter
    /// The formula of each formula column for a row: `formulas["J"]?(12)`.
    let formulas: [String: (Int) -> String]
    /// The source of the region dropdown (``TemplateLists``).
    let regionList: ListValidation.Source?
    /// Spare rows written below the data (formulas only), for what people add.
    static let spareRows = 50

    init(_ layout: SheetLayout, extraColumns: [(header: String, width: Int)] = [], subtitle: String, workbook: WorkbookWriter,
         regionList: ListValidation.Source?, formulas: [String: (Int) -> String] = [:]) throws {
        self.layout = layout
        self.formulas = formulas
        self.regionList = regionList
        let settings = layout.columns.enumerated().map { index, column in
            ColumnSettings(column: index + 1, width: Double(column.width), style: TemplateStyles.column(column))
        } + extraColumns.enumerated().map { index, extra in
            ColumnSettings(column: layout.columns.count + index + 1, width: Double(extra.width), style: TemplateStyles.input(.indicatorValue))
        }
        sheet = try workbook.addSheet(layout.name, columns: settings, frozenRows: layout.headerRow)
        let width = layout.columns.count + extraColumns.count
        try sheet.appendRow([.text(layout.title + " — " + subtitle, style: TemplateStyles.title)], at: 1, height: 22)
        sheet.merge("A1:" + CellReference.letters(column: width) + "1")
        let headers = layout.columns.map(\.header) + extraColumns.map(\.header)
        try sheet.appendRow(headers.map { .text($0, style: TemplateStyles.header) }, at: layout.headerRow, height: 45)
    }

    /// The next data row's number.
    var nextRow: Int { max(sheet.lastRow + 1, layout.firstDataRow) }

    /// Writes a data row: `values` by column letter (missing: empty input cell), `locked` letters
    /// written locked (identifying cells), `indent` for the name column of a tree level.
    func append(_ given: [String: WrittenValue?], locked: Set<String> = [], indent: (column: String, level: Int)? = nil,
                extra: [WrittenValue?] = []) throws {
        let values = given.compactMapValues { $0 }
        let row = nextRow
        var cells: [WrittenCell?] = layout.columns.map { column -> WrittenCell? in
            if let formula = formulas[column.letter] {
                return .formula(formula(row), style: TemplateStyles.computed(formulaFormat(column)))
            }
            let level = indent?.column == column.letter ? indent!.level : 0
            let value = values[column.letter]
            if locked.contains(column.letter) || !column.value.isInput {
                return WrittenCell(value, style: TemplateStyles.computed(TemplateStyles.format(column.value)).with { $0.shaded = !column.value.isInput; $0.indent = level })
            }
            return WrittenCell(value, style: TemplateStyles.input(column.value, indent: level))
        }
        cells += extra.map { WrittenCell($0, style: TemplateStyles.input(.indicatorValue)) }
        try sheet.appendRow(cells, at: row)
    }

    /// Spare rows (formulas only), the dropdowns over the data and spare rows, and protection.
    func finish() throws {
        let firstSpare = nextRow
        for row in firstSpare..<(firstSpare + Self.spareRows) where !formulas.isEmpty {
            try sheet.appendRow(layout.columns.map { column -> WrittenCell? in
                formulas[column.letter].map { formula -> WrittenCell in .formula(formula(row), style: TemplateStyles.computed(formulaFormat(column))) }
            }, at: row)
        }
        let lastRow = max(sheet.lastRow, firstSpare + Self.spareRows - 1)
        for column in layout.columns {
            let range = "\(column.letter)\(layout.firstDataRow):\(column.letter)\(lastRow)"
            switch column.value {
            case .choice(let choices):
                sheet.addValidation(ListValidation(range: range, source: .values(choices.map(\.label)),
                                                   errorTitle: column.header, errorMessage: "Pilih salah satu isian dari daftar."))
            case .regionChoice:
                if let regionList {
                    sheet.addValidation(ListValidation(range: range, source: regionList, errorTitle: column.header,
                                                       errorMessage: "Pilih kelurahan/desa dari daftar wilayah ini."))
                }
            default:
                break
            }
        }
        sheet.protect()
    }

    private func formulaFormat(_ column: Column) -> NumberFormat {
        column.header.contains("%") ? .percent : .grouped
    }
}

/// Values as template cells: numbers exact, text for what a spreadsheet cannot show exactly.
enum TemplateValues {
    /// An exact number cell; beyond 15 significant digits the Indonesian text (§1.4), which the
    /// reader takes exactly.
    static func number(_ value: Decimal) -> WrittenValue {
        let number = XLSXNumber(value)
        return number.fitsSpreadsheetPrecision ? .number(number) : .text(TypedNumberText.format(value))
    }

    static func number(_ value: Decimal?) -> WrittenValue? { value.map(number) }

    static func amount(_ amount: Amount?) -> WrittenValue? { amount.map { number($0.value) } }

    static func text(_ text: String?) -> WrittenValue? {
        guard let text, !text.isEmpty else { return nil }
        return .text(text)
    }

    static func date(_ date: CalendarDate?) -> WrittenValue? {
        date.map { .date(year: $0.year, month: $0.month, day: $0.day) }
    }

    static func integer(_ value: Int?) -> WrittenValue? { value.map { .number(XLSXNumber($0)) } }

    /// The label people pick for `value` in `choices`.
    static func choice(_ value: String?, _ choices: [Choice]) -> WrittenValue? {
        guard let value else { return nil }
        return .text(choices.first { $0.value == value }?.label ?? value)
    }
}
