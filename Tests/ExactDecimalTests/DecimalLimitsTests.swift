import Foundation
import ExactDecimal
import Testing

/// Limits checked on the text before a `Decimal` exists (hardening item 6): a long run of zeros has
/// one significant digit but an exponent `Decimal` cannot keep; with 128+ zeros it became 0.
@Suite struct DecimalLimitsTests {
    static func zerosThenFive(_ zeros: Int) -> String { "0." + String(repeating: "0", count: zeros) + "5" }

    @Test(arguments: [39, 100, 127, 128, 200, 5_000])
    func aLongRunOfZerosIsRefusedNotRoundedToZero(zeros: Int) {
        switch DecimalText.parseResult(Self.zerosThenFive(zeros)) {
        case .success(let parsed): Issue.record("\(zeros) zeros parsed as \(parsed.value)")
        case .failure(let error): #expect(error.reason.contains("decimals"), "\(error)")
        }
        #expect(Decimal(exactText: Self.zerosThenFive(zeros)) == nil)
    }

    @Test func theDefaultLimitsKeepWhatDecimalHolds() throws {
        #expect(try DecimalText.parse(Self.zerosThenFive(37)) == Decimal(sign: .plus, exponent: -38, significand: 5))
    }

    @Test(arguments: [
        ("143512700.07", DecimalText.Limits.rupiah, nil), ("999999999999999999.99", .rupiah, nil), ("1.500", .rupiah, nil),
        ("1.125", .rupiah, "it has 3 decimals; rupiah amounts have at most 2"),
        ("1000000000000000000", .rupiah, "it is 10^18 or more; rupiah amounts are below 10^18"),
        ("0001000000000000000000.00", .rupiah, "it is 10^18 or more"),
        ("999999999999999.999999", .indicatorValue, nil), ("-0.000001", .indicatorValue, nil),
        ("0.0000001", .indicatorValue, "it has 7 decimals; indicator values have at most 6"),
        ("-1000000000000000", .indicatorValue, "it is 10^15 or more; indicator values are below 10^15"),
    ] as [(String, DecimalText.Limits, String?)])
    func callerLimits(text: String, limits: DecimalText.Limits, refusal: String?) {
        switch DecimalText.parseResult(text, limits: limits) {
        case .success(let parsed): #expect(refusal == nil, "\(text) parsed as \(parsed.value)")
        case .failure(let error): #expect(refusal.map { error.reason.contains($0) } == true, "\(text): \(error)")
        }
    }
}
