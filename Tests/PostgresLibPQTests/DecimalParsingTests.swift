import Foundation
import PostgresLibPQ
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
        let value = try #require(PGDecimal.parse(text))
        #expect(value.description == expected)
        #expect(Decimal(exactText: text) == value)
        #expect(PGDecimal.text(value) == expected)
    }

    @Test(arguments: [
        "1,5", "1.2.3", "", " 1", "1 ", "1e5", "1E5", "+1", ".5", "5.", "-", "-.5", "NaN", "nan", "Infinity",
        "0x10", "1_000", "１２", "12a", "--1",
        "123456789012345678901234567890123456789",  // 39 significant digits
        "1.00000000000000000000000000000000000001",  // 39 significant digits
    ])
    func rejectsEverythingElse(text: String) {
        #expect(PGDecimal.parse(text) == nil, "accepted \(text.debugDescription)")
    }

    @Test func exactArithmeticAgreesWithDigits() throws {
        let a = try #require(PGDecimal.parse("12763150960.00"))
        let b = try #require(PGDecimal.parse("0.01"))
        #expect((a + b).description == "12763150960.01")
    }

    @Test func encodingNeverUsesExponents() throws {
        for text in ["100000000000000000000", "0.000000001", "-123.456", "1"] {
            let d = try #require(PGDecimal.parse(text))
            let out = try #require(PGDecimal.text(d))
            #expect(!out.contains("e") && !out.contains("E"))
            #expect(PGDecimal.parse(out) == d)
        }
        #expect(PGDecimal.text(Decimal.nan) == nil)
        #expect(throws: PGError.self) { _ = try Decimal.nan.pgEncode() }
    }
}
