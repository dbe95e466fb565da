import Foundation

/// Strict, exact conversion between decimal text and `Foundation.Decimal`.
///
/// Foundation's `Decimal(string:)` accepts prefixes (`"1,5"` gives 1), exponents and
/// locale-dependent separators, and silently drops digits past its precision. Money must not
/// be read that way, so this parser accepts exactly `-?digits(.digits)?` and at most 38
/// significant digits, and builds the value from the digits itself. Other modules (CSV
/// import, for instance) reuse ``parse(_:)`` so every path agrees on what a number is.
public enum PGDecimal {
    /// The most significant digits a `Decimal` holds exactly.
    public static let maxSignificantDigits = 38

    /// Parses `-?[0-9]+(\.[0-9]+)?`; returns nil for anything else, including `""`, `" 1"`,
    /// `"+1"`, `".5"`, `"1."`, `"1e5"`, `"1,5"`, `"1.2.3"`, `"NaN"`, and values with more than
    /// 38 significant digits (leading zeros and trailing fractional zeros do not count).
    public static func parse(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { parse(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// ``parse(_:)`` over UTF-8 bytes, as found in a libpq result.
    public static func parse(utf8 bytes: UnsafeRawBufferPointer) -> Decimal? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        let intStart = i
        while i < n, bytes[i] &- 48 < 10 { i += 1 }
        let intEnd = i
        guard intEnd > intStart else { return nil }
        var fracStart = i
        var fracEnd = i
        if i < n {
            guard bytes[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            fracStart = i
            while i < n, bytes[i] &- 48 < 10 { i += 1 }
            fracEnd = i
            guard fracEnd > fracStart, i == n else { return nil }
        }
        // Trailing fractional zeros and leading integer zeros carry no value.
        while fracEnd > fracStart, bytes[fracEnd - 1] == UInt8(ascii: "0") { fracEnd -= 1 }
        var firstDigit = intStart
        while firstDigit < intEnd, bytes[firstDigit] == UInt8(ascii: "0") { firstDigit += 1 }

        // Digits of the significand, in order: integer part then fractional part.
        var significantCount = (intEnd - firstDigit) + (fracEnd - fracStart)
        var exponent = -(fracEnd - fracStart)
        if firstDigit == intEnd {
            // Integer part is zero: leading zeros of the fraction are not significant either.
            var f = fracStart
            while f < fracEnd, bytes[f] == UInt8(ascii: "0") { f += 1 }
            significantCount = fracEnd - f
        }
        if significantCount == 0 { return Decimal.zero }
        guard significantCount <= maxSignificantDigits else { return nil }

        // Accumulate 18 digits at a time in UInt64, then fold into Decimal: exact, and
        // fewer Decimal multiplications than one per digit.
        var mantissa = Decimal.zero
        var chunk: UInt64 = 0
        var chunkDigits = 0
        func flush() {
            if chunkDigits > 0 {
                mantissa = mantissa * power10[chunkDigits] + Decimal(chunk)
                chunk = 0
                chunkDigits = 0
            }
        }
        func push(_ byte: UInt8) {
            chunk = chunk * 10 + UInt64(byte &- 48)
            chunkDigits += 1
            if chunkDigits == 18 { flush() }
        }
        var started = false
        for j in firstDigit..<intEnd {
            push(bytes[j])
            started = true
        }
        for j in fracStart..<fracEnd {
            if !started && bytes[j] == UInt8(ascii: "0") { continue }  // 0.00x: skip zeros
            started = true
            push(bytes[j])
        }
        flush()
        if exponent < -128 || exponent > 127 {
            exponent = max(min(exponent, 127), -128)  // unreachable with 38 digits, kept safe
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: mantissa)
    }

    /// The plain decimal text of `value` (`-?digits(.digits)?`, never an exponent), or nil
    /// for NaN. This is what gets sent to PostgreSQL.
    public static func text(_ value: Decimal) -> String? {
        guard !value.isNaN else { return nil }
        let s = value.description
        // Guard against exponent or locale forms: only what `parse` accepts goes out.
        var copy = s
        let ok = copy.withUTF8 { bytes in
            var dots = 0
            for (k, b) in bytes.enumerated() {
                if b == UInt8(ascii: "-") && k == 0 { continue }
                if b == UInt8(ascii: ".") { dots += 1; continue }
                if b &- 48 >= 10 { return false }
            }
            return dots <= 1
        }
        return ok ? s : nil
    }

    private static let power10: [Decimal] = (0...18).map { k in
        var d = Decimal(1)
        for _ in 0..<k { d *= 10 }
        return d
    }
}

extension Decimal {
    /// Exact, strict parsing: see ``PGDecimal/parse(_:)``.
    public init?(exactText text: String) {
        guard let value = PGDecimal.parse(text) else { return nil }
        self = value
    }
}
