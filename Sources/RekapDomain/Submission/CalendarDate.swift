/// A calendar date without time zone, written `YYYY-MM-DD` (ISO 8601, Gregorian).
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Why a text is not a date.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String { "\"\(text)\" is not a date: \(reason)" }
    }

    /// Checks that the day exists (2023-02-30 does not; 2024-02-29 does).
    public init(year: Int, month: Int, day: Int) throws(Invalid) {
        let text = "\(year)-\(month)-\(day)"
        guard (1...9999).contains(year) else { throw Invalid(text: text, reason: "year out of range") }
        guard (1...12).contains(month) else { throw Invalid(text: text, reason: "there is no month \(month)") }
        let days = Self.daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            throw Invalid(text: text, reason: "month \(month) of \(year) has \(days) days, so day \(day) does not exist")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, zero-padded).
    public init(parsing text: String) throws(Invalid) {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else {
            throw Invalid(text: text, reason: "write dates as YYYY-MM-DD, e.g. 2024-01-22")
        }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw Invalid(text: text, reason: error.reason)
        }
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
