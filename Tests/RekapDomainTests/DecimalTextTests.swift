import Foundation
import Testing
@testable import RekapDomain

@Suite struct DecimalTextTests {
    @Test(arguments: [
        ("1,5", "separator"), ("1.2.3", "more than one"), ("", "empty"), (" 1", "spaces"), ("1 ", "spaces"),
        ("1e5", "exponent"), ("1E5", "exponent"), ("+1", "'+'"), (".5", "before the '.'"), ("1.", "after the '.'"),
        ("-", "digit"), ("--1", "digit"), ("abc", "digit"), ("1.5abc", "unexpected"), ("١", "digit"),
        ("123456789012345678901234567890123456789", "significant"), ("0x10", "unexpected"), ("NaN", "digit"),
    ])
    func rejects(text: String, reasonContains: String) {
        switch DecimalText.parseResult(text) {
        case .success(let parsed): Issue.record("\(text) parsed as \(parsed.value)")
        case .failure(let error): #expect(error.reason.contains(reasonContains), "\(error)")
        }
    }

    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("007", "7"), ("1.50", "1.5"), ("-2.25", "-2.25"), ("0.000001", "0.000001"),
        ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
        ("000000000000000000000000000000000000000001", "1"), ("1.000000000000000000000000000000000000000", "1"),
        ("9007199254740993", "9007199254740993"), ("143512700.07", "143512700.07"),
    ])
    func parsesExactly(text: String, canonical: String) throws {
        #expect(DecimalText.string(try DecimalText.parse(text)) == canonical)
    }

    @Test(arguments: [
        ("98.505", "98.51"), ("98.504999", "98.50"), ("100", "100.00"), ("0", "0.00"), ("-2.345", "-2.35"),
        ("-0.004", "0.00"), ("0.005", "0.01"), ("99.995", "100.00"), ("105.4252873563", "105.43"), ("7", "7.00"),
    ])
    func percentFormatting(value: String, printed: String) throws {
        #expect(DecimalText.percent(try DecimalText.parse(value)) == printed)
    }

    @Test func amounts() throws {
        #expect(try Amount(parsing: "143512700").description == "143512700")
        #expect(try Amount(parsing: "0.5").description == "0.5")
        #expect(try Amount(parsing: "999999999999999999.99").value < Amount.limit)
        #expect(try Amount(parsing: "1.500").description == "1.5")
        #expect(throws: AmountError.self) { try Amount(parsing: "-1") }
        #expect(throws: AmountError.self) { try Amount(parsing: "1.125") }
        #expect(throws: AmountError.self) { try Amount(parsing: "1000000000000000000") }
        #expect(throws: AmountError.self) { try Amount(parsing: "143.512.700") }
        #expect(throws: AmountError.self) { try Amount(parsing: "1e3") }
    }

    /// Independent reference: normalise the digit string by hand.
    static func referenceCanonical(negative: Bool, integer: String, fraction: String) -> String {
        var integer = String(integer.drop { $0 == "0" })
        var fraction = fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if integer.isEmpty { integer = "0" }
        let body = fraction.isEmpty ? integer : integer + "." + fraction
        return negative && body != "0" ? "-" + body : body
    }

    @Test func generatedRoundTripAgainstDigitStrings() throws {
        var random = SplitMix64(seed: 0x5EED_0001)
        for _ in 0..<5000 {
            let integerDigits = Int.random(in: 1...20, using: &random)
            let fractionDigits = Bool.random(using: &random) ? 0 : Int.random(in: 1...18, using: &random)
            var integer = random.digits(integerDigits)
            if Int.random(in: 0..<5, using: &random) == 0 { integer = "0" }
            let fraction = random.digits(fractionDigits)
            let negative = Bool.random(using: &random)
            let text = (negative ? "-" : "") + integer + (fractionDigits > 0 ? "." + fraction : "")
            let value = try DecimalText.parse(text)
            let expected = Self.referenceCanonical(negative: negative, integer: integer, fraction: fraction)
            #expect(DecimalText.string(value) == expected, "\(text)")
            // And back: printing then parsing gives the same value.
            #expect(try DecimalText.parse(DecimalText.string(value)) == value)
        }
    }

    @Test func generatedHalfUpRoundingAgainstIntegers() throws {
        var random = SplitMix64(seed: 0x5EED_0002)
        for _ in 0..<5000 {
            let integer = UInt64.random(in: 0...999_999_999_999, using: &random)
            let micro = UInt64.random(in: 0...999_999, using: &random)
            let negative = Bool.random(using: &random)
            let fraction = String(micro).leftPadded(6)
            let text = (negative ? "-" : "") + String(integer) + "." + fraction
            // Half-up on the magnitude, in integers: hundredths = (value·10^6 + 5000) / 10^4.
            let hundredths = (integer * 1_000_000 + micro + 5_000) / 10_000
            let body = String(hundredths / 100) + "." + String(hundredths % 100).leftPadded(2)
            let expected = (negative && hundredths != 0 ? "-" : "") + body
            #expect(DecimalText.percent(try DecimalText.parse(text)) == expected, "\(text)")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
