import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Which cell styles show a number as a date: the style's number format is one of the built-in date
/// formats (14-22, 27-36 and 45-47 in East Asian locales, 50-58) or a custom format with day, month or
/// year codes outside quotes, brackets and escapes (`dd/mm/yyyy`, `d mmmm yyyy`, `[$-421]dd mmmm yyyy`).
struct NumberFormats {
    /// Per cell style index (`s` of a cell): whether it shows a date.
    private(set) var dateStyles: [Bool] = []

    func isDate(style: Int) -> Bool { style >= 0 && style < dateStyles.count && dateStyles[style] }

    static let builtinDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Whether a custom format code shows a date: d, m or y outside literals; `m` alone next to `h`
    /// or `s` is minutes, but a date format has d or y anyway.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            case "d" where !inQuotes && !inBrackets, "y" where !inQuotes && !inBrackets: return true
            case ";" where !inQuotes: return false  // only the first (positive) section decides
            default: break
            }
        }
        return false
    }

    /// Reads `xl/styles.xml`.
    static func parse(_ data: Data, part: String) throws(XLSXReadError) -> NumberFormats {
        let delegate = StylesDelegate(part: part)
        try SafeXMLParsing.parse(data, part: part, delegate: delegate)
        var formats = NumberFormats()
        formats.dateStyles = delegate.cellFormatIDs.map { id in
            builtinDateFormats.contains(id) || delegate.customFormats[id].map(isDateFormat) == true
        }
        return formats
    }
}

private final class StylesDelegate: GuardedXMLDelegate {
    var customFormats: [Int: String] = [:]
    var cellFormatIDs: [Int] = []
    private var inCellXfs = false

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch SafeXMLParsing.localName(elementName) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            cellFormatIDs.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            if cellFormatIDs.count > 100_000 { stop(parser, .malformed(part: part, reason: "terlalu banyak gaya sel")) }
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if SafeXMLParsing.localName(elementName) == "cellXfs" { inCellXfs = false }
    }
}
