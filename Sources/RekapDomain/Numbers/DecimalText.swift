import Foundation

/// Why a text is not a plain decimal number.
public struct DecimalTextError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// Plain words, e.g. "use '.' as the decimal separator, not ','".
    public let reason: String
    public var description: String { "\"\(text)\" is not a decimal number: \(reason)" }
}

/// Strict decimal text ⇄ Foundation `Decimal`, exactly.
///
/// Accepted grammar: `-?[0-9]+(\.[0-9]+)?`, at most 38 significant digits (what `Decimal`'s 128-bit
/// mantissa holds exactly). Nothing else: no `+`, no exponent, no spaces, no `,` separator, no `.5`.
///
/// Why not `Decimal(string:)`: it parses a prefix and ignores the rest (`"1.5abc"` is 1.5, `" 1"` is 1,
/// `"1e5"` is 100000), and goes through the current locale in some APIs. Why not `Double`: 0.1 has no
/// binary representation and rupiah amounts above 2^53 lose units. The value is built from 18-digit
/// chunks with `Decimal(UInt64)`, whose arithmetic is exact below 39 digits.
///
/// Printing uses `Decimal.description`, which on swift-corelibs/swift-foundation is plain positional
/// notation of the normalised value (verified: 1E-5 prints "0.00001", 1E+20 prints all its zeros).
public enum DecimalText {
    /// The most significant digits a parsed text may carry.
    public static let maxSignificantDigits = 38

    /// A parsed decimal with what the text said about it.
    public struct Parsed: Sendable, Hashable {
        /// The exact value.
        public let value: Decimal
        /// Digits after the point once trailing zeros are dropped ("1.50" → 1, "2" → 0).
        public let scale: Int
        /// Significant digits (leading zeros and trailing fractional zeros do not count).
        public let significantDigits: Int
    }

    /// Parses strict decimal text; see the type's documentation for the grammar.
    public static func parse(_ text: String) throws(DecimalTextError) -> Decimal {
        try parseDetailed(text).value
    }

    /// Parses strict decimal text and reports its scale and number of significant digits.
    public static func parseDetailed(_ text: String) throws(DecimalTextError) -> Parsed {
        try parseResult(text).get()
    }

    /// Parses strict decimal text without throwing, for callers that collect problems.
    public static func parseResult(_ text: String) -> Result<Parsed, DecimalTextError> {
        Result { () throws(DecimalTextError) -> Parsed in try parseThrowing(text) }
    }

    private static func parseThrowing(_ text: String) throws(DecimalTextError) -> Parsed {
        func fail(_ reason: String) -> DecimalTextError { DecimalTextError(text: text, reason: reason) }
        let bytes = Array(text.utf8)
        if bytes.isEmpty { throw fail("it is empty") }
        let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; index = 1 }
        if bytes[0] == UInt8(ascii: "+") { throw fail("a leading '+' is not allowed") }
        var integerDigits: [UInt8] = []
        while index < bytes.count, bytes[index] >= zero, bytes[index] <= nine {
            integerDigits.append(bytes[index]); index += 1
        }
        var fractionDigits: [UInt8] = []
        if integerDigits.isEmpty {
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") { throw fail("write a digit before the '.' (0.5, not .5)") }
            if index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                throw fail("spaces are not allowed")
            }
            throw fail("it must start with a digit or '-'")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, bytes[index] >= zero, bytes[index] <= nine {
                fractionDigits.append(bytes[index]); index += 1
            }
            if fractionDigits.isEmpty { throw fail("write at least one digit after the '.'") }
        }
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ","): throw fail("use '.' as the decimal separator and no thousands separators")
            case UInt8(ascii: "."): throw fail("it has more than one '.'")
            case UInt8(ascii: "e"), UInt8(ascii: "E"): throw fail("exponent notation is not allowed; write the digits out")
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): throw fail("spaces are not allowed")
            default: throw fail("unexpected character after the number")
            }
        }
        // Drop what does not change the value: trailing zeros after the point, leading zeros.
        while fractionDigits.last == zero { fractionDigits.removeLast() }
        var digits = integerDigits + fractionDigits
        while digits.first == zero { digits.removeFirst() }
        if digits.count > maxSignificantDigits {
            throw fail("it has \(digits.count) significant digits; at most \(maxSignificantDigits) are kept exactly")
        }
        let magnitude = mantissa(of: digits)
        let value: Decimal = digits.isEmpty
            ? Decimal(0)
            : Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits.count, significand: magnitude)
        return Parsed(value: value, scale: fractionDigits.count, significantDigits: digits.count)
    }

    /// ASCII digits (at most 38) → exact integer `Decimal`, 18 digits at a time.
    private static func mantissa(of digits: [UInt8]) -> Decimal {
        var result = Decimal(0)
        var start = 0
        while start < digits.count {
            let end = min(start + 18, digits.count)
            var chunk: UInt64 = 0
            for digit in digits[start..<end] { chunk = chunk * 10 + UInt64(digit - UInt8(ascii: "0")) }
            result = result * power10(end - start) + Decimal(chunk)
            start = end
        }
        return result
    }

    /// 10^n as an exact `Decimal` (n ≥ 0).
    public static func power10(_ n: Int) -> Decimal {
        Decimal(sign: .plus, exponent: n, significand: Decimal(1))
    }

    /// `value` rounded half away from zero (`.plain`) to `scale` decimals: 2.345 → 2.35, -2.345 → -2.35.
    public static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }

    /// The shortest exact text of `value`: "1.5", "100", "-0.25".
    public static func string(_ value: Decimal) -> String {
        value.isZero ? "0" : value.description
    }

    /// `value` rounded half-up to exactly `fractionDigits` decimals and printed with that many,
    /// with '.' as separator whatever the locale: (98.505, 2) → "98.51", (100, 2) → "100.00".
    public static func string(_ value: Decimal, fractionDigits: Int) -> String {
        let rounded = rounded(value, scale: fractionDigits)
        var text = string(rounded)
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        var parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 1 { parts.append("") }
        let fraction = parts[1] + String(repeating: "0", count: max(0, fractionDigits - parts[1].count))
        let body = fractionDigits > 0 ? parts[0] + "." + fraction : parts[0]
        // "-0.00" would say a negative number rounded to zero; print it as zero.
        let isZero = !body.contains(where: { $0 != "0" && $0 != "." })
        return (negative && !isZero ? "-" : "") + body
    }

    /// A percentage or ratio as the reports print it: half-up, exactly 2 decimals ("98.51", "100.00").
    public static func percent(_ value: Decimal) -> String {
        string(value, fractionDigits: 2)
    }
}
