import Foundation
import RekapDomain
import Synchronization

/// numerator ÷ denominator × 100 rounded half-up to 2 decimals, printed "98.51", computed with whole
/// numbers only (round(x) = floor((2x + 1) ÷ 2) for x ≥ 0), independently of `DecimalText`.
/// For non-negative inputs.
func expectedPercentText(_ numerator: Decimal, _ denominator: Decimal) -> String {
    // Hundredths of a percent: n × 10000 ÷ d, rounded half up.
    let scaled = (numerator * 20000 + denominator) / (denominator * 2)
    var input = scaled, floored = Decimal()
    NSDecimalRound(&floored, &input, 0, .down)
    // The division is rounded to 38 digits; settle the floor exactly by multiplying back.
    let top = numerator * 20000 + denominator
    if floored * denominator * 2 > top { floored -= 1 }
    if (floored + 1) * denominator * 2 <= top { floored += 1 }
    let hundredths = NSDecimalNumber(decimal: floored).int64Value
    let whole = hundredths / 100, fraction = hundredths % 100
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}

/// Σ of `values`.
func total<S: Sequence>(_ values: S) -> Decimal where S.Element == Decimal {
    values.reduce(Decimal(0), +)
}

/// An exact decimal from its text.
func d(_ text: String) -> Decimal { try! DecimalText.parse(text) }

/// A value shared between threads, behind a lock.
final class Locked<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T {
        value.withLock { body(&$0) }
    }
}
