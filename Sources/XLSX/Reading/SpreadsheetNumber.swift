/// A number cell's value as the spreadsheet shows it at full precision (contract §1.4): the XML's
/// text rounded to 15 significant digits by decimal digit work, never through a binary float, so
/// `91.719999999999999` is `91.72` and `1.2345E-3` is `0.0012345`.
public enum SpreadsheetNumber {
    /// Significant digits a spreadsheet keeps.
    public static let significantDigits = 15

    /// The plain decimal text (`-1234.5`, no exponent, no trailing zeros) of the XML number `text`
    /// rounded half-up to ``significantDigits``; nil when `text` is not a number.
    public static func decimalText(_ text: some StringProtocol, significantDigits: Int = significantDigits) -> String? {
        var bytes = Array(text.utf8)[...]
        while bytes.first == 0x20 { bytes = bytes.dropFirst() }
        while bytes.last == 0x20 { bytes = bytes.dropLast() }
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var integerDigits = 0
        var seenPoint = false
        var exponent = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x30, byte <= 0x39 {
                digits.append(byte - 0x30)
                if !seenPoint { integerDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let value = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)), abs(value) <= 400 else { return nil }
                exponent = value
                break
            } else {
                return nil
            }
            index += 1
        }
        guard !digits.isEmpty, digits.count <= 400 else { return nil }
        // value = 0.d1d2d3… × 10^point
        var point = integerDigits + exponent
        while let first = digits.first, first == 0 {
            digits.removeFirst()
            point -= 1
        }
        if digits.isEmpty { return "0" }
        if digits.count > significantDigits {
            let roundUp = digits[significantDigits] >= 5
            digits.removeLast(digits.count - significantDigits)
            if roundUp {
                var position = digits.count - 1
                while position >= 0 {
                    if digits[position] == 9 { digits[position] = 0; position -= 1 } else { digits[position] += 1; break }
                }
                if position < 0 { digits.insert(1, at: 0); digits.removeLast(); point += 1 }
            }
        }
        while digits.last == 0 { digits.removeLast() }
        let characters = digits.map { Character(Unicode.Scalar($0 + 0x30)) }
        var result = negative ? "-" : ""
        if point <= 0 {
            result += "0." + String(repeating: "0", count: -point) + String(characters)
        } else if point >= characters.count {
            result += String(characters) + String(repeating: "0", count: point - characters.count)
        } else {
            result += String(characters[..<point]) + "." + String(characters[point...])
        }
        return result
    }
}

/// A calendar date, as a date cell holds it once its serial number is turned into a day.
public struct SpreadsheetDate: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2023-12-31`: the contract's date text.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The day of a date serial (its whole part; a time of day is dropped). In the 1900 system,
    /// serial 1 is 1900-01-01 and serial 60 is the 29 February 1900 that never was (Lotus' error,
    /// kept by Excel), refused here; in the 1904 system serial 0 is 1904-01-01. Nil outside
    /// 1900…9999 or for a negative serial.
    public static func fromSerial(_ decimalText: String, date1904: Bool) -> SpreadsheetDate? {
        guard !decimalText.hasPrefix("-"),
              let whole = Int(decimalText.prefix { $0 != "." }), whole <= 2_958_465 else { return nil }
        let daysFromCivilEpoch: Int  // days since 1970-01-01
        if date1904 {
            daysFromCivilEpoch = whole - 24_107
        } else {
            guard whole >= 1, whole != 60 else { return nil }
            // 1899-12-31 + serial, one day less from 1 March 1900 on (the missing 29 February).
            daysFromCivilEpoch = whole - 25_568 - (whole > 60 ? 1 : 0)
        }
        return civil(fromDays: daysFromCivilEpoch)
    }

    /// Howard Hinnant's days → civil date (proleptic Gregorian).
    static func civil(fromDays days: Int) -> SpreadsheetDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return SpreadsheetDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}
