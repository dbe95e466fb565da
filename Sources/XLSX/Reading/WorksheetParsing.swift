import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams one worksheet part into its cells, within the row and cell limits.
enum WorksheetParsing {
    struct Context {
        let name: String
        let hidden: Bool
        let sharedStrings: [String]
        let formats: NumberFormats
        let date1904: Bool
        let limits: XLSXReadLimits
    }

    static func parse(_ data: Data, part: String, context: Context) throws(XLSXReadError) -> Worksheet {
        let delegate = WorksheetDelegate(part: part, context: context)
        try SafeXMLParsing.parse(data, part: part, delegate: delegate)
        return Worksheet(name: context.name, hidden: context.hidden, cells: delegate.cells, mergedRanges: delegate.merged)
    }

    /// Counts `<row` starts in inflating chunks, so a sheet with far too many rows is refused before
    /// the rest of it is inflated (a chunk boundary may split a tag: the last bytes are carried over).
    struct RowCounter {
        private(set) var rows = 0
        private var carry: [UInt8] = []

        mutating func count(_ chunk: Data) {
            // A match needs 5 bytes; the last 4 of a buffer cannot start one yet, so they are carried
            // into the next and every match is counted once.
            let buffer = carry + Array(chunk)
            guard buffer.count >= 5 else { carry = buffer; return }
            for index in 0...(buffer.count - 5)
            where buffer[index + 1] == 0x72 && buffer[index + 2] == 0x6F && buffer[index + 3] == 0x77 {
                let before = buffer[index]
                let after = buffer[index + 4]
                if (before == 0x3C || before == 0x3A) && (after == 0x20 || after == 0x3E || after == 0x2F || after == 0x09 || after == 0x0A || after == 0x0D) {
                    rows += 1
                }
            }
            carry = Array(buffer.suffix(4))
        }
    }
}

private final class WorksheetDelegate: GuardedXMLDelegate {
    let context: WorksheetParsing.Context
    var cells: [CellReference: Cell] = [:]
    var merged: [MergedRange] = []
    private var rowCount = 0
    private var cellCount = 0
    private var currentRow = 0
    private var nextColumn = 1
    // The cell being read.
    private var reference: CellReference?
    private var type = "n"
    private var style = 0
    private var isFormula = false
    private var valueText = ""
    private var inValue = false
    private var inInline = false
    private var inline = RichTextCollector()

    init(part: String, context: WorksheetParsing.Context) {
        self.context = context
        super.init(part: part)
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = SafeXMLParsing.localName(elementName)
        switch name {
        case "row":
            rowCount += 1
            if rowCount > context.limits.maxRows { return stop(parser, .tooManyRows(sheet: context.name, limit: context.limits.maxRows)) }
            currentRow = attributes["r"].flatMap(Int.init) ?? (currentRow + 1)
            nextColumn = 1
        case "c":
            cellCount += 1
            if cellCount > context.limits.maxCells { return stop(parser, .tooManyCells(sheet: context.name, limit: context.limits.maxCells)) }
            if let text = attributes["r"] {
                reference = CellReference(text)
                if reference == nil { return stop(parser, .malformed(part: part, reason: "alamat sel \"\(text.prefix(20))\" tidak sah")) }
            } else {
                reference = CellReference(column: nextColumn, row: max(1, currentRow))
            }
            nextColumn = (reference?.column ?? nextColumn) + 1
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            isFormula = false
            valueText = ""
        case "v": inValue = true
        case "f": isFormula = true
        case "is": inInline = true
        case "mergeCell":
            if let ref = attributes["ref"] {
                let corners = ref.split(separator: ":")
                if corners.count == 2, let first = CellReference(corners[0]), let last = CellReference(corners[1]) {
                    merged.append(MergedRange(topLeft: first, bottomRight: last))
                }
                if merged.count > context.limits.maxCells { stop(parser, .tooManyCells(sheet: context.name, limit: context.limits.maxCells)) }
            }
        default: break
        }
        if inInline { inline.start(name) }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let name = SafeXMLParsing.localName(elementName)
        if inInline { inline.end(name) }
        switch name {
        case "v": inValue = false
        case "is": inInline = false
        case "c": finishCell(parser)
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { valueText += string } else if inInline { inline.characters(string) }
    }

    private func finishCell(_ parser: XMLParser) {
        guard let reference else { return }
        defer { self.reference = nil }
        let value: CellValue
        switch type {
        case "s":
            guard !valueText.isEmpty else { return }
            guard let index = Int(valueText.trimmingCharacters(in: .whitespaces)), context.sharedStrings.indices.contains(index) else {
                return stop(parser, .malformed(part: part, reason: "sel \(reference) menunjuk teks bersama yang tidak ada"))
            }
            value = .text(context.sharedStrings[index])
        case "inlineStr":
            value = .text(inline.take())
        case "str":
            value = .text(RichTextCollector.decodeEscapes(valueText))
        case "b":
            guard !valueText.isEmpty else { return }
            value = .bool(valueText.trimmingCharacters(in: .whitespaces) == "1" || valueText.lowercased() == "true")
        case "e":
            value = .error(valueText)
        case "d":
            // ISO 8601 text (strict OOXML); only the day matters.
            let parts = valueText.prefix(10).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return stop(parser, .malformed(part: part, reason: "tanggal di sel \(reference) tidak sah")) }
            value = .date(SpreadsheetDate(year: parts[0], month: parts[1], day: parts[2]), serial: valueText)
        default:
            guard !valueText.isEmpty else { return }
            guard let number = SpreadsheetNumber.decimalText(valueText) else {
                return stop(parser, .malformed(part: part, reason: "angka di sel \(reference) tidak sah"))
            }
            if context.formats.isDate(style: style), let date = SpreadsheetDate.fromSerial(number, date1904: context.date1904) {
                value = .date(date, serial: number)
            } else {
                value = .number(number)
            }
        }
        cells[reference] = Cell(reference: reference, value: value, isFormula: isFormula)
    }
}
