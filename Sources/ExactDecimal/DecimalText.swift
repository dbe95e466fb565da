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
/// mantissa holds exactly) and within the caller's ``Limits`` (by default at most 38 decimals and
/// below 10^38). Nothing else: no `+`, no exponent, no spaces, no `,` separator, no `.5`.
///
/// The limits are checked on the text, before a `Decimal` is built: `Decimal` keeps its exponent in
/// 8 bits, and a value beyond that range ("0." followed by 130 zeros and "5") silently becomes 0.
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

    /// How many decimals and how large a value a caller accepts, checked on the text before any
    /// `Decimal` is built. `name` is how messages call the values ("rupiah amounts").
    public struct Limits: Sendable, Hashable {
        /// The most digits after the point, trailing zeros not counted ("1.50" has 1).
        public var maxScale: Int
        /// The value's magnitude is below 10^maxIntegerDigits (leading zeros not counted).
        public var maxIntegerDigits: Int
        /// The values these limits are for, plural, as messages name them.
        public var name: String

        public init(maxScale: Int, maxIntegerDigits: Int, name: String) {
            self.maxScale = maxScale
            self.maxIntegerDigits = maxIntegerDigits
            self.name = name
        }

        /// What `Decimal` holds exactly, for callers without a rule of their own: at most 38
        /// decimals, below 10^38.
        public static let exact = Limits(maxScale: maxSignificantDigits, maxIntegerDigits: maxSignificantDigits, name: "decimal numbers")
        /// Rupiah amounts (contract §1): at most 2 decimals (sen), below 10^18.
        public static let rupiah = Limits(maxScale: 2, maxIntegerDigits: 18, name: "rupiah amounts")
        /// Indicator values (target, realisasi, capaian and the other figures of an indicator): at
        /// most 6 decimals, magnitude below 10^15. Far beyond any index, percentage or count an
        /// LKjIP prints, and small enough that every capaian computed from two of them is exact.
        public static let indicatorValue = Limits(maxScale: 6, maxIntegerDigits: 15, name: "indicator values")
    }

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
    public static func parse(_ text: String, limits: Limits = .exact) throws(DecimalTextError) -> Decimal {
        try parseDetailed(text, limits: limits).value
    }

    /// Parses strict decimal text and reports its scale and number of significant digits.
    public static func parseDetailed(_ text: String, limits: Limits = .exact) throws(DecimalTextError) -> Parsed {
        try parseResult(text, limits: limits).get()
    }

    /// Parses strict decimal text without throwing, for callers that collect problems.
    public static func parseResult(_ text: String, limits: Limits = .exact) -> Result<Parsed, DecimalTextError> {
        Result { () throws(DecimalTextError) -> Parsed in try parseThrowing(text, limits: limits) }
    }

    private static func parseThrowing(_ text: String, limits: Limits) throws(DecimalTextError) -> Parsed {
        var text = text
        let result = text.withUTF8 { parse(utf8: UnsafeRawBufferPointer($0), limits: limits) }
        switch result {
        case .success(let parsed): return parsed
        case .failure(let reason): throw DecimalTextError(text: text, reason: reason.words)
        }
    }

    /// Why bytes are not a plain decimal; turned into words only when someone asks.
    public enum Rejection: Error, Sendable, Hashable {
        case empty, leadingPlus, missingIntegerDigit, spaces, notStartingWithDigit, missingFractionDigit
        case comma, secondPoint, exponent, unexpectedCharacter, tooManyDigits(Int)
        /// More decimals than the limits allow: (decimals given, limits).
        case tooManyDecimals(Int, Limits)
        /// At or above 10^maxIntegerDigits.
        case tooLarge(Limits)

        public var words: String {
            switch self {
            case .empty: "it is empty"
            case .leadingPlus: "a leading '+' is not allowed"
            case .missingIntegerDigit: "write a digit before the '.' (0.5, not .5)"
            case .spaces: "spaces are not allowed"
            case .notStartingWithDigit: "it must start with a digit or '-'"
            case .missingFractionDigit: "write at least one digit after the '.'"
            case .comma: "use '.' as the decimal separator and no thousands separators"
            case .secondPoint: "it has more than one '.'"
            case .exponent: "exponent notation is not allowed; write the digits out"
            case .unexpectedCharacter: "unexpected character after the number"
            case .tooManyDigits(let count):
                "it has \(count) significant digits; at most \(DecimalText.maxSignificantDigits) are kept exactly"
            case .tooManyDecimals(let count, let limits):
                "it has \(count) decimals; \(limits.name) have at most \(limits.maxScale)"
            case .tooLarge(let limits):
                "it is 10^\(limits.maxIntegerDigits) or more; \(limits.name) are below 10^\(limits.maxIntegerDigits)"
            }
        }
    }

    /// Parses strict decimal text given as UTF-8 bytes (as found in a libpq result or a CSV
    /// field) without copying them; the one implementation every caller goes through.
    public static func parse(utf8 bytes: UnsafeRawBufferPointer, limits: Limits = .exact) -> Result<Parsed, Rejection> {
        let count = bytes.count
        guard count > 0 else { return .failure(.empty) }
        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
        }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            return .failure(.leadingPlus)
        }
        let integerStart = index
        while index < count, isDigit(bytes[index]) { index += 1 }
        let integerEnd = index
        if integerEnd == integerStart {
            if index < count, bytes[index] == UInt8(ascii: ".") { return .failure(.missingIntegerDigit) }
            if index < count, isSpace(bytes[index]) { return .failure(.spaces) }
            return .failure(.notStartingWithDigit)
        }
        var fractionStart = index
        var fractionEnd = index
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fractionStart = index
            while index < count, isDigit(bytes[index]) { index += 1 }
            fractionEnd = index
            if fractionEnd == fractionStart { return .failure(.missingFractionDigit) }
        }
        if index < count {
            switch bytes[index] {
            case UInt8(ascii: ","): return .failure(.comma)
            case UInt8(ascii: "."): return .failure(.secondPoint)
            case UInt8(ascii: "e"), UInt8(ascii: "E"): return .failure(.exponent)
            case let byte where isSpace(byte): return .failure(.spaces)
            default: return .failure(.unexpectedCharacter)
            }
        }
        // Drop what does not change the value: trailing zeros after the point, leading zeros.
        while fractionEnd > fractionStart, bytes[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
        var firstDigit = integerStart
        while firstDigit < integerEnd, bytes[firstDigit] == UInt8(ascii: "0") { firstDigit += 1 }
        var firstFractionDigit = fractionStart
        if firstDigit == integerEnd {
            // 0.00x: with no integer part, the fraction's leading zeros are not significant either.
            while firstFractionDigit < fractionEnd, bytes[firstFractionDigit] == UInt8(ascii: "0") {
                firstFractionDigit += 1
            }
        }
        let scale = fractionEnd - fractionStart
        let significantDigits = (integerEnd - firstDigit) + (fractionEnd - firstFractionDigit)
        guard significantDigits <= maxSignificantDigits else { return .failure(.tooManyDigits(significantDigits)) }
        // Before any Decimal exists: a long run of zeros has few significant digits but an
        // exponent Decimal cannot keep.
        guard scale <= limits.maxScale else { return .failure(.tooManyDecimals(scale, limits)) }
        guard integerEnd - firstDigit <= limits.maxIntegerDigits else { return .failure(.tooLarge(limits)) }
        guard significantDigits > 0 else { return .success(Parsed(value: 0, scale: 0, significantDigits: 0)) }

        // Accumulate 18 digits at a time in UInt64, then fold into Decimal: exact below 39 digits.
        var magnitude = Decimal(0)
        var chunk: UInt64 = 0
        var chunkDigits = 0
        func push(_ byte: UInt8) {
            chunk = chunk * 10 + UInt64(byte &- UInt8(ascii: "0"))
            chunkDigits += 1
            if chunkDigits == 18 {
                magnitude = magnitude * power10(18) + Decimal(chunk)
                chunk = 0
                chunkDigits = 0
            }
        }
        for position in firstDigit..<integerEnd { push(bytes[position]) }
        for position in firstFractionDigit..<fractionEnd { push(bytes[position]) }
        if chunkDigits > 0 { magnitude = magnitude * power10(chunkDigits) + Decimal(chunk) }
        let value = Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: magnitude)
        return .success(Parsed(value: value, scale: scale, significantDigits: significantDigits))
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

    /// The shortest exact text of `value`: "1.5", "100", "-0.25"; never exponent notation, so it
    /// is also what goes to PostgreSQL as a `numeric` parameter.
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

extension Decimal {
    /// Exact, strict parsing: see ``DecimalText``; nil for anything that is not plain decimal text.
    public init?(exactText text: String) {
        guard let value = try? DecimalText.parse(text) else { return nil }
        self = value
    }
}
