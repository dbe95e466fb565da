import Foundation

/// The one CSV writer of rekap: every CSV it prints (`rekap report --format csv`, `rekap rank --format
/// csv`, `rekap pbb orphans --format csv`, the API's report) goes through here.
///
/// Quoting is RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, quotes doubled.
///
/// Formula injection (OWASP, "CSV Injection"): Bappeda opens these files in Excel, which runs a cell
/// starting with `=`, `+`, `-`, `@`, tab or carriage return as a formula, so an indicator named
/// `=HYPERLINK("http://…"&B2,"Klik")` would become a live link leaking the sheet. A ``CSVField/text(_:)``
/// field starting with one of those gets a leading apostrophe, which spreadsheets show as text and
/// hide. ``CSVField/number(_:)`` fields are written as they are (so `-12.5` stays a number); one whose
/// text is not a plain decimal number is treated as text, so a mistyped column cannot open the hole.
public enum CSVWriter {
    /// How records end.
    public enum LineEnd: String, Sendable {
        /// RFC 4180's CRLF: the report's CSV (`docs/report-csv.md`).
        case crlf = "\r\n"
        /// LF: the contract's ranking and orphan CSV (contract §3), as Unix tools expect.
        case lf = "\n"
    }

    /// The characters that make a spreadsheet read a cell as a formula (OWASP).
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// Every record, each ended by `lineEnd`.
    public static func document(_ records: [[CSVField]], lineEnd: LineEnd) -> String {
        records.map { record($0, lineEnd: lineEnd) }.joined()
    }

    /// One record: its fields joined by commas, ended by `lineEnd`.
    public static func record(_ fields: [CSVField], lineEnd: LineEnd) -> String {
        fields.map(field).joined(separator: ",") + lineEnd.rawValue
    }

    /// One field, neutralised when it is text that would run as a formula, and quoted when needed.
    public static func field(_ field: CSVField) -> String {
        switch field {
        case .text(let text): quoted(neutralised(text))
        case .number(let text): quoted(isPlainNumber(text) ? text : neutralised(text))
        }
    }

    /// `text` with a leading apostrophe when it starts like a formula.
    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(Character(first)) else { return text }
        return "'" + text
    }

    /// RFC 4180: quoted when it holds a comma, a double quote, CR or LF (quotes doubled).
    static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// "", or `-?[0-9]+(\.[0-9]+)?`: what `DecimalText` and `String(Int)` print.
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = text.utf8[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        if text.isEmpty { return true }
        let parts = digits.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
    }
}
