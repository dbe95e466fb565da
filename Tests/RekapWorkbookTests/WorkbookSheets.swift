import Foundation
import RekapDomain
import RekapTestSupport
import RekapWorkbook

/// Small report workbooks written cell by cell (inline strings, raw number text, date serials), for
/// what openpyxl and LibreOffice do not write, and for problems at known cells.
enum WorkbookSheets {
    enum Value {
        case text(String)
        /// The XML's number text as it is (`91.719999999999999`).
        case number(String)
        /// A date serial in a `dd/mm/yyyy` cell.
        case date(String)
    }

    static let styles = """
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>\
        <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>
        """

    /// The metadata of a report workbook for `region`.
    static func metadata(region: String = "14.72.02", layout: String = WorkbookLayout.version) -> [String: Value] {
        ["A1": .text("layout"), "B1": .text(layout), "A2": .text("document"), "B2": .text("report"),
         "A3": .text("region"), "B3": .text(region), "A4": .text("year"), "B4": .text("2023"), "A5": .text("period"), "B5": .text("FY")]
    }

    static let identity: [String: Value] = ["B3": .text("14.72.02"), "B4": .text("Dumai Timur"), "B5": .number("2023"), "B6": .text("FY")]

    /// A report workbook with the required sheets (empty unless given), `sheets` overriding, and the
    /// metadata sheet unless `metadata` is nil.
    static func report(_ sheets: [String: [String: Value]], metadata: [String: Value]? = metadata(), leaving: Set<String> = []) throws -> Data {
        var all: [String: [String: Value]] = ["Identitas": identity]
        for name in WorkbookLayout.DocumentKind.report.sheets where name != WorkbookLayout.metadataSheet { all[name] = all[name] ?? [:] }
        for (name, cells) in sheets { all[name] = cells }
        if let metadata { all[WorkbookLayout.metadataSheet] = metadata }
        let order = WorkbookLayout.DocumentKind.report.sheets + sheets.keys.filter { !WorkbookLayout.DocumentKind.report.sheets.contains($0) }.sorted()
        let list = order.filter { all[$0] != nil && !leaving.contains($0) }.map { (name: $0, rows: rows(all[$0]!)) }
        return try WorkbookFixtures.workbook(sheets: list, styles: styles, hidden: [WorkbookLayout.metadataSheet])
    }

    static func rows(_ cells: [String: Value]) -> String {
        let parsed = cells.map { (reference: XLSXCellName(name: $0.key), value: $0.value) }
        let byRow = Dictionary(grouping: parsed, by: \.reference.row)
        return byRow.keys.sorted().map { row in
            "<row r=\"\(row)\">" + byRow[row]!.sorted { $0.reference.column < $1.reference.column }.map { cell in
                let reference = cell.reference.name
                switch cell.value {
                case .text(let text):
                    let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    return "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escaped)</t></is></c>"
                case .number(let number): return "<c r=\"\(reference)\"><v>\(number)</v></c>"
                case .date(let serial): return "<c r=\"\(reference)\" s=\"1\"><v>\(serial)</v></c>"
                }
            }.joined() + "</row>"
        }.joined()
    }
}

/// `F12` split for ordering.
struct XLSXCellName {
    let name: String
    let column: String
    let row: Int

    init(name: String) {
        self.name = name
        column = String(name.prefix { $0.isLetter })
        row = Int(name.drop { $0.isLetter }) ?? 0
    }
}

extension JSONValue {
    /// The same value with every object's members sorted by key and decimal strings without trailing
    /// fractional zeros: equality regardless of member order, and `"1.000"` equal to `"1"`, the value a
    /// number cell holds (a spreadsheet number has no trailing zeros; the decimals are the same).
    var normalized: JSONValue {
        switch self {
        case .object(let members): .object(members.map { JSONMember(key: $0.key, value: $0.value.normalized) }.sorted { $0.key < $1.key })
        case .array(let items): .array(items.map(\.normalized))
        case .string(let text): .string(Self.withoutTrailingZeros(text))
        default: self
        }
    }

    static func withoutTrailingZeros(_ text: String) -> String {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") } }) else { return text }
        let fraction = parts[1].reversed().drop { $0 == "0" }.reversed()
        return fraction.isEmpty ? String(parts[0]) : String(parts[0]) + "." + String(fraction)
    }
}
