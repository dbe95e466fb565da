import Foundation

/// Why a decimal is not a rupiah amount.
public struct AmountError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "\"\(text)\" is not a rupiah amount: \(reason)" }
}

/// A rupiah amount: exact, never negative, at most 2 decimals (sen), below 10^18.
///
/// 10^18 rupiah is far above any Indonesian budget (the national APBN is ~3.3 × 10^15), so a larger
/// figure is a typing error, and the bound keeps every sum of lines well inside `Decimal`'s 38 digits.
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The upper bound (exclusive).
    public static let limit = DecimalText.power10(DecimalText.Limits.rupiah.maxIntegerDigits)
    public static let zero = Amount(uncheckedValue: 0)

    /// The exact value.
    public let value: Decimal

    private init(uncheckedValue: Decimal) { self.value = uncheckedValue }

    /// Parses strict decimal text (see `DecimalText`) and checks the amount rules: the scale and
    /// magnitude on the text (``DecimalText/Limits/rupiah``), the sign on the value.
    public init(parsing text: String) throws(AmountError) {
        let parsed: DecimalText.Parsed
        switch DecimalText.parseResult(text, limits: .rupiah) {
        case .success(let value): parsed = value
        case .failure(let error): throw AmountError(text: text, reason: error.reason)
        }
        if parsed.value < 0 { throw AmountError(text: text, reason: "an amount cannot be negative") }
        self.value = parsed.value
    }

    /// Checks an exact value against the amount rules.
    public init(_ value: Decimal) throws(AmountError) {
        try self.init(parsing: DecimalText.string(value))
    }

    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.value < rhs.value }

    /// The exact value as shortest text: "143512700", "0.5".
    public var description: String { DecimalText.string(value) }
}
