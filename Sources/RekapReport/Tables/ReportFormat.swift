import Foundation
import RekapDomain

/// How the report prints values that are not plain numbers. Numbers themselves go through
/// `DecimalText` (exact text, and `DecimalText.percent` for half-up 2-decimal percentages).
public enum ReportFormat {
    /// What a human format prints for a value that does not exist (a percentage of 0, a missing figure).
    public static let missing = "—"

    /// A timestamp in UTC, ISO 8601 to the second: "2024-01-22T03:15:00Z".
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// An exact amount with its integer digits grouped by three with narrow no-break spaces
    /// ("12 763 150 960"): unambiguous whether the reader expects '.' or ',' as the decimal mark.
    public static func grouped(_ value: Decimal) -> String {
        var text = DecimalText.string(value)
        var sign = ""
        if text.hasPrefix("-") { sign = "-"; text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        let integer = Array(parts[0])
        var groups: [String] = []
        var end = integer.count
        while end > 0 {
            let start = max(0, end - 3)
            groups.insert(String(integer[start..<end]), at: 0)
            end = start
        }
        return sign + groups.joined(separator: "\u{202F}") + (parts.count > 1 ? "." + parts[1] : "")
    }
}
