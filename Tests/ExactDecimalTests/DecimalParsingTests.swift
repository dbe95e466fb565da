import Foundation
import ExactDecimal
import Testing

@Suite struct DecimalParsingTests {
    @Test(arguments: [
        ("12763150960.00", "12763150960"), ("0.01", "0.01"), ("99999999999999999.99", "99999999999999999.99"),
        ("-5.25", "-5.25"), ("0", "0"), ("-0", "0"), ("000.000", "0"), ("007", "7"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("0.00000000000000000000000000000000000001", "0.00000000000000000000000000000000000001"),
        ("99999999999999999999999999999999999999", "99999999999999999999999999999999999999"),
        ("1.10000000000000000000000000000000000000000000", "1.1"),
    ])
    func acceptsPlainDecimals(text: String, expected: String) throws {
        let value = try #require(Decimal(exactText: text))
        #expect(value.description == expected)
        #expect(Decimal(exactText: text) == value)
        #expect(DecimalText.string(value) == expected)
    }

    @Test(arguments: [
        "1,5", "1.2.3", "", " 1", "1 ", "1e5", "1E5", "+1", ".5", "5.", "-", "-.5", "NaN", "nan", "Infinity",
        "0x10", "1_000", "１２", "12a", "--1",
        "123456789012345678901234567890123456789",  // 39 significant digits
        "1.00000000000000000000000000000000000001",  // 39 significant digits
    ])
    func rejectsEverythingElse(text: String) {
        #expect(Decimal(exactText: text) == nil, "accepted \(text.debugDescription)")
    }

    @Test func exactArithmeticAgreesWithDigits() throws {
        let a = try #require(Decimal(exactText: "12763150960.00"))
        let b = try #require(Decimal(exactText: "0.01"))
        #expect((a + b).description == "12763150960.01")
    }

    @Test func encodingNeverUsesExponents() throws {
        for text in ["100000000000000000000", "0.000000001", "-123.456", "1"] {
            let d = try #require(Decimal(exactText: text))
            let out = DecimalText.string(d)
            #expect(!out.contains("e") && !out.contains("E"))
            #expect(Decimal(exactText: out) == d)
        }
        #expect(Decimal(exactText: "NaN") == nil)
    }
}
