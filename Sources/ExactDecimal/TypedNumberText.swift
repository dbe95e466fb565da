import Foundation

/// Why a number typed by a person (a web form field, a spreadsheet cell holding text) was refused,
/// with how to write it instead. Both texts are given: the forms and workbooks speak Bahasa Indonesia
/// by default, English on request.
public struct TypedNumberError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text as typed.
    public let text: String
    /// What went wrong, in Bahasa Indonesia, ending with how to write it where one reading is likely
    /// ("tulis 1,5").
    public let indonesian: String
    /// The same in English.
    public let english: String
    /// The value written the way the contract's §1.4 reads it, when the text looks like one number
    /// written another way ("1.5" → "1,5"); nil when no single reading is likely.
    public let suggestion: String?

    public var description: String { english }
}

/// Numbers as people type them (contract §1.4): `.` groups thousands, always in threes; `,` marks the
/// decimals; an optional `Rp` before and `,-` or `%` after. `91,72`, `12.763.150.960`,
/// `Rp 12.763.150.960,-`, `105,42 %`, `-3,5`, and plain digits `12763150960`.
///
/// Nothing is guessed. A text with one reading in another convention (`1.5`, `91.72`, `1,500.25`) is
/// refused with a suggestion (`1,5`, `91,72`, `1.500,25`); `12.76.3` is refused with the rule. The
/// result goes through ``DecimalText`` with the caller's limits, so a typed value and the same value
/// in JSON are the same exact `Decimal` with the same checks.
///
/// JSON documents stay strict (§1): only entry forms and spreadsheet text cells use this reader.
public enum TypedNumberText {
    /// What a typed number was read as.
    public struct Reading: Sendable, Hashable {
        /// The exact value with its scale and significant digits.
        public let parsed: DecimalText.Parsed
        /// The strict text (``DecimalText``'s grammar, "12763150960.5"): what the equivalent JSON
        /// document holds.
        public let strictText: String
        /// The text carried `%`.
        public let isPercent: Bool
        /// The text carried `Rp`.
        public let isRupiah: Bool

        public var value: Decimal { parsed.value }
    }

    /// Reads `text` as §1.4 says; `limits` as for JSON (``DecimalText/Limits/rupiah`` for amounts).
    public static func read(_ text: String, limits: DecimalText.Limits = .exact) -> Result<Reading, TypedNumberError> {
        var body = text.trimmedText
        guard !body.isEmpty else {
            return .failure(TypedNumberError(text: text, indonesian: "isian kosong; tulis angkanya",
                                             english: "it is empty; write the number", suggestion: nil))
        }
        var isRupiah = false
        var isPercent = false
        if body.lowercased().hasPrefix("rp") {
            isRupiah = true
            body = body.dropFirst(2)
            if body.first == "." { body = body.dropFirst() }
            body = body.drop(while: { $0 == " " })
        }
        if body.hasSuffix("%") {
            isPercent = true
            body = body.dropLast()
            while body.last == " " { body = body.dropLast() }
        }
        if body.hasSuffix(",-") { body = body.dropLast(2) }
        var negative = false
        if body.first == "-" {
            negative = true
            body = body.dropFirst()
        }
        guard let (integer, fraction) = split(body) else {
            return .failure(refusal(text, suggestion: otherConvention(body, negative: negative)))
        }
        let strict = (negative ? "-" : "") + integer + (fraction.map { "." + $0 } ?? "")
        switch DecimalText.parseResult(strict, limits: limits) {
        case .success(let parsed):
            return .success(Reading(parsed: parsed, strictText: strict, isPercent: isPercent, isRupiah: isRupiah))
        case .failure(let error):
            return .failure(TypedNumberError(text: text, indonesian: limitWords(strict, limits: limits) ?? "bukan angka yang sah",
                                             english: error.reason, suggestion: nil))
        }
    }

    /// `value` the Indonesian way: `.` between thousands, `,` before exactly `fractionDigits` decimals
    /// (rounded half-up), or the exact value's own decimals when `fractionDigits` is nil:
    /// 12763150960 → "12.763.150.960"; (98.505, 2) → "98,51"; -1234.5 → "-1.234,5".
    public static func format(_ value: Decimal, fractionDigits: Int? = nil) -> String {
        var text = fractionDigits.map { DecimalText.string(value, fractionDigits: $0) } ?? DecimalText.string(value)
        var sign = ""
        if text.hasPrefix("-") { sign = "-"; text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = Array(parts[0])
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count > 1 ? "," + parts[1] : "")
    }

    // MARK: - Reading

    /// Splits `1.234.567,89` into ("1234567", "89"); nil when the text is not written as §1.4 says.
    private static func split(_ body: Substring) -> (String, String?)? {
        let pieces = body.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return nil }
        let fraction = pieces.count == 2 ? String(pieces[1]) : nil
        if let fraction, fraction.isEmpty || !fraction.allSatisfy(\.isASCIIDigit) { return nil }
        let groups = pieces[0].split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty, first.allSatisfy(\.isASCIIDigit) else { return nil }
        if groups.count > 1 {
            // Grouped: 1 to 3 digits, then groups of exactly three.
            guard first.count <= 3,
                  groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        }
        return (groups.joined(), fraction)
    }

    /// The §1.4 spelling of a text written in the other convention ("1.5", "91.72", "1,500.25",
    /// "1,500"), when it has one likely reading.
    private static func otherConvention(_ body: Substring, negative: Bool) -> String? {
        let sign = negative ? "-" : ""
        // "1,500.25" or "1,500": comma-grouped thousands with an optional point decimal.
        let halves = body.split(separator: ".", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return nil }
        let integerGroups = halves[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let first = integerGroups.first, !first.isEmpty, first.allSatisfy(\.isASCIIDigit) else { return nil }
        if integerGroups.count > 1 {
            guard first.count <= 3, integerGroups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) })
            else { return nil }
        }
        let fraction = halves.count == 2 ? halves[1] : nil
        if let fraction, fraction.isEmpty || !fraction.allSatisfy(\.isASCIIDigit) { return nil }
        // "1,500" with no point reads as 1.500 in §1.4 too only if grouped; a lone comma-group is
        // 1 and a half thousand in English: ambiguous, so no suggestion.
        if integerGroups.count > 1, fraction == nil { return nil }
        guard integerGroups.count > 1 || fraction != nil else { return nil }
        let integer = integerGroups.joined()
        guard let value = Decimal(exactText: integer + (fraction.map { "." + $0 } ?? "")) else { return nil }
        let digits = fraction?.count ?? 0
        return sign + format(value, fractionDigits: digits)
    }

    private static func refusal(_ text: String, suggestion: String?) -> TypedNumberError {
        let rule = "titik (.) memisahkan ribuan per tiga angka dan koma (,) menandai desimal"
        let ruleEnglish = "'.' separates thousands in groups of three and ',' marks the decimals"
        if let suggestion {
            return TypedNumberError(text: text, indonesian: "\"\(text)\" tidak dapat dibaca dengan pasti: \(rule); tulis \(suggestion)",
                                    english: "\"\(text)\" cannot be read unambiguously: \(ruleEnglish); write \(suggestion)",
                                    suggestion: suggestion)
        }
        return TypedNumberError(text: text, indonesian: "\"\(text)\" bukan angka: \(rule), misalnya 12.763.150.960 atau 91,72",
                                english: "\"\(text)\" is not a number: \(ruleEnglish), e.g. 12.763.150.960 or 91,72",
                                suggestion: nil)
    }

    /// The Indonesian words for a value outside the caller's limits.
    private static func limitWords(_ strict: String, limits: DecimalText.Limits) -> String? {
        switch DecimalText.parseResult(strict, limits: .exact) {
        case .failure: return "angkanya terlalu panjang untuk disimpan dengan tepat"
        case .success(let parsed):
            if parsed.scale > limits.maxScale {
                return limits.maxScale == 0 ? "tidak boleh ada desimal"
                    : "paling banyak \(limits.maxScale) angka di belakang koma (ada \(parsed.scale))"
            }
            return "angkanya terlalu besar"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
