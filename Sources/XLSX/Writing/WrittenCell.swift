import ExactDecimal
import Foundation

/// A number as a cell stores it: exact decimal text, never produced through binary floating point.
///
/// Spreadsheet programs hold numbers as doubles and show 15 significant digits; a value with more
/// digits cannot be shown exactly, so callers with such values write them as text instead
/// (``fitsSpreadsheetPrecision``).
public struct XLSXNumber: Sendable, Hashable, CustomStringConvertible {
    /// Plain decimal text: optional `-`, digits, optional `.` and digits; no exponent.
    public let text: String
    /// The exact value.
    public let value: Decimal

    /// The exact number `value`.
    public init(_ value: Decimal) {
        self.value = value
        self.text = DecimalText.string(value)
    }

    public init(_ value: Int) {
        self.init(Decimal(value))
    }

    /// Strict decimal text (``DecimalText``); nil for anything else.
    public init?(exactText: String) {
        guard let value = Decimal(exactText: exactText) else { return nil }
        self.init(value)
    }

    /// Whether a spreadsheet shows this value exactly: at most 15 significant digits.
    public var fitsSpreadsheetPrecision: Bool {
        let digits = text.filter { $0 != "-" && $0 != "." }.drop(while: { $0 == "0" })
        return digits.reversed().drop(while: { $0 == "0" }).count <= 15
    }

    public var description: String { text }
}

/// What one cell holds.
public enum WrittenValue: Sendable, Hashable {
    /// Text, written as an inline string (every character escaped, forbidden control characters removed).
    case text(String)
    /// A number, written from its exact text.
    case number(XLSXNumber)
    /// A day, written as the serial number spreadsheets count days with (1900 date system); give it a
    /// date number format (``NumberFormat/date``) so people see a date.
    case date(year: Int, month: Int, day: Int)
    /// A formula (without the leading `=`), with the value it computes to when the writer knows it;
    /// without one the program computes it on opening (the workbook asks for a full calculation on load).
    case formula(String, cached: XLSXNumber? = nil)
    /// A Boolean.
    case boolean(Bool)

    /// The serial number of a day in the 1900 date system (1 = 1900-01-01, counting the 1900 leap day
    /// spreadsheets assume): days since 1899-12-30 for every date from March 1900 on.
    public static func serialNumber(year: Int, month: Int, day: Int) -> Int {
        daysFromCivil(year: year, month: month, day: day) - daysFromCivil(year: 1899, month: 12, day: 30)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// One cell: its value and how it looks (and whether it is locked when the sheet is protected).
public struct WrittenCell: Sendable, Hashable {
    public var value: WrittenValue?
    public var style: CellStyle

    /// A cell with `value` (nil: a styled empty cell, e.g. an unlocked input cell) and `style`.
    public init(_ value: WrittenValue?, style: CellStyle = CellStyle()) {
        self.value = value
        self.style = style
    }

    public static func text(_ text: String, style: CellStyle = CellStyle()) -> WrittenCell {
        WrittenCell(.text(text), style: style)
    }

    public static func number(_ number: XLSXNumber, style: CellStyle = CellStyle()) -> WrittenCell {
        WrittenCell(.number(number), style: style)
    }

    public static func formula(_ formula: String, cached: XLSXNumber? = nil, style: CellStyle = CellStyle()) -> WrittenCell {
        WrittenCell(.formula(formula, cached: cached), style: style)
    }

    /// An empty cell that only carries a style.
    public static func empty(style: CellStyle) -> WrittenCell {
        WrittenCell(nil, style: style)
    }
}
