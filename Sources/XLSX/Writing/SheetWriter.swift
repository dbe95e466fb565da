import Foundation

/// One sheet being written. Rows are appended top to bottom and turned into XML as they come, so a
/// sheet of many rows holds only its XML text, never a grid of cell objects. What the format puts
/// before the rows (column widths, frozen panes) is given when the sheet is made; merges,
/// dropdowns and protection may be added until the workbook is written.
public final class SheetWriter {
    /// The name on the sheet's tab (at most 31 characters, none of `[]:*?/\`).
    public let name: String
    public let visibility: SheetVisibility
    private let styles: StyleSheet
    private var head: String
    private var rowsXML = ""
    /// The last row written (0 before any).
    public private(set) var lastRow = 0
    private var lastColumn = 0
    private var merges: [String] = []
    private var validations: [ListValidation] = []
    private var protection: SheetProtection?
    private let landscape: Bool

    /// Why a sheet cannot be made or a row written.
    public struct Misuse: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    init(name: String, visibility: SheetVisibility, columns: [ColumnSettings], frozenRows: Int, frozenColumns: Int,
         selected: Bool, landscape: Bool, styles: StyleSheet) throws(Misuse) {
        guard !name.isEmpty, name.count <= 31, !name.contains(where: { "[]:*?/\\".contains($0) }),
              !name.hasPrefix("'"), !name.hasSuffix("'") else {
            throw Misuse(description: "\"\(name)\" is not a valid sheet name")
        }
        self.name = name
        self.visibility = visibility
        self.styles = styles
        self.landscape = landscape
        var head = "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        head += "<sheetViews><sheetView workbookViewId=\"0\"" + (selected ? " tabSelected=\"1\"" : "") + ">"
        if frozenRows > 0 || frozenColumns > 0 {
            let topLeft = CellReference.letters(column: frozenColumns + 1) + String(frozenRows + 1)
            let pane = frozenRows > 0 && frozenColumns > 0 ? "bottomRight" : frozenRows > 0 ? "bottomLeft" : "topRight"
            head += "<pane"
            if frozenColumns > 0 { head += " xSplit=\"\(frozenColumns)\"" }
            if frozenRows > 0 { head += " ySplit=\"\(frozenRows)\"" }
            head += " topLeftCell=\"\(topLeft)\" activePane=\"\(pane)\" state=\"frozen\"/>"
            head += "<selection pane=\"\(pane)\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
        }
        head += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !columns.isEmpty {
            head += "<cols>"
            for column in columns.sorted(by: { $0.column < $1.column }) {
                head += "<col min=\"\(column.column)\" max=\"\(column.column)\" width=\"\(column.width)\" customWidth=\"1\""
                if let style = column.style { head += " style=\"\(styles.index(of: style))\"" }
                if column.hidden { head += " hidden=\"1\"" }
                head += "/>"
            }
            head += "</cols>"
        }
        self.head = head
    }

    /// Writes row `row` (after the last one written; nil: the next row) with `cells` from column A
    /// (nil entries are left empty). `height` in points, for a taller title or wrapped text.
    public func appendRow(_ cells: [WrittenCell?], at row: Int? = nil, height: Double? = nil) throws(Misuse) {
        let number = row ?? lastRow + 1
        guard number > lastRow, number <= CellReference.maxRow else {
            throw Misuse(description: "\(name): row \(number) written after row \(lastRow)")
        }
        guard cells.count <= CellReference.maxColumn else { throw Misuse(description: "\(name): too many columns") }
        lastRow = number
        var xml = "<row r=\"\(number)\""
        if let height { xml += " ht=\"\(height)\" customHeight=\"1\"" }
        xml += ">"
        for (offset, cell) in cells.enumerated() {
            guard let cell else { continue }
            lastColumn = max(lastColumn, offset + 1)
            let reference = CellReference.letters(column: offset + 1) + String(number)
            let style = styles.index(of: cell.style)
            let s = style == 0 ? "" : " s=\"\(style)\""
            switch cell.value {
            case nil:
                xml += "<c r=\"\(reference)\"\(s)/>"
            case .text(let text):
                let preserve = XMLText.needsPreserve(text) ? " xml:space=\"preserve\"" : ""
                xml += "<c r=\"\(reference)\"\(s) t=\"inlineStr\"><is><t\(preserve)>\(XMLText.cellText(text))</t></is></c>"
            case .number(let number):
                xml += "<c r=\"\(reference)\"\(s)><v>\(number.text)</v></c>"
            case .date(let year, let month, let day):
                xml += "<c r=\"\(reference)\"\(s)><v>\(WrittenValue.serialNumber(year: year, month: month, day: day))</v></c>"
            case .boolean(let value):
                xml += "<c r=\"\(reference)\"\(s) t=\"b\"><v>\(value ? 1 : 0)</v></c>"
            case .formula(let formula, let cached):
                xml += "<c r=\"\(reference)\"\(s)><f>\(XMLText.escaped(formula))</f>"
                if let cached { xml += "<v>\(cached.text)</v>" }
                xml += "</c>"
            }
        }
        rowsXML += xml + "</row>"
    }

    /// Merges a range such as `A1:P1` into one cell (the top-left cell's value is shown).
    public func merge(_ range: String) {
        merges.append(range)
    }

    /// Adds a dropdown.
    public func addValidation(_ validation: ListValidation) {
        validations.append(validation)
    }

    /// Protects the sheet: locked cells (every cell whose style is not unlocked) cannot be edited.
    public func protect(_ protection: SheetProtection = SheetProtection()) {
        self.protection = protection
    }

    /// The sheet's part.
    func xml() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        out += "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        let dimension = lastRow > 0 && lastColumn > 0 ? "A1:" + CellReference.letters(column: lastColumn) + String(lastRow) : "A1"
        out += head.replacingOccurrences(of: "<sheetViews>", with: "<dimension ref=\"\(dimension)\"/><sheetViews>")
        out += "<sheetData>" + rowsXML + "</sheetData>"
        if let protection { out += protection.xml }
        if !merges.isEmpty {
            out += "<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        }
        if !validations.isEmpty {
            out += "<dataValidations count=\"\(validations.count)\">" + validations.map(\.xml).joined() + "</dataValidations>"
        }
        out += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        out += "<pageSetup paperSize=\"9\" orientation=\"\(landscape ? "landscape" : "portrait")\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        return out + "</worksheet>"
    }
}
