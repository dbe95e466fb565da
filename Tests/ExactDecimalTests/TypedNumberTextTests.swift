import Foundation
import ExactDecimal
import Testing

/// Contract §1.4: numbers as people type them in forms and spreadsheets.
@Suite struct TypedNumberTextTests {
    @Test(arguments: [
        ("91,72", "91.72"), ("12.763.150.960", "12763150960"), ("Rp 12.763.150.960,-", "12763150960"),
        ("Rp12.763.150.960,-", "12763150960"), ("rp. 1.500", "1500"), ("105,42 %", "105.42"), ("105,42%", "105.42"),
        ("12763150960", "12763150960"), ("-3,5", "-3.5"), ("1.500", "1500"), ("1,500", "1.500"), ("0,001", "0.001"),
        ("  87 ", "87"), ("1.234.567,89", "1234567.89"),
    ])
    func readsTheIndonesianWay(typed: String, strict: String) throws {
        let reading = try TypedNumberText.read(typed).get()
        #expect(reading.strictText == strict)
        #expect(reading.value == Decimal(exactText: strict))
    }

    @Test(arguments: [
        ("1.5", "1,5"), ("91.72", "91,72"), ("1,500.25", "1.500,25"), ("-0.25", "-0,25"), ("1.2345", "1,2345"), ("12,763,150,960.5", "12.763.150.960,5"),
    ])
    func anotherConventionIsRefusedWithHowToWriteIt(typed: String, suggestion: String) {
        switch TypedNumberText.read(typed) {
        case .success(let reading): Issue.record("\(typed) was read as \(reading.strictText)")
        case .failure(let error):
            #expect(error.suggestion == suggestion)
            #expect(error.indonesian.contains("tulis \(suggestion)"), "\(error.indonesian)")
            #expect(error.english.contains("write \(suggestion)"))
        }
    }

    @Test(arguments: ["12.76.3", "", "abc", "1,2,3", "1.000,", ",5", "12 763", "1e5", "Rp", "--1"])
    func malformedTextIsRefusedWithTheRule(typed: String) {
        switch TypedNumberText.read(typed) {
        case .success(let reading): Issue.record("\(typed) was read as \(reading.strictText)")
        case .failure(let error):
            #expect(error.suggestion == nil)
            #expect(!error.indonesian.isEmpty && error.indonesian != error.english)
        }
    }

    @Test func theCallersLimitsApply() {
        guard case .failure(let error) = TypedNumberText.read("1.000,125", limits: .rupiah) else {
            Issue.record("3 decimals accepted as rupiah"); return
        }
        #expect(error.indonesian.contains("paling banyak 2 angka di belakang koma"))
    }

    @Test(arguments: [
        ("12763150960", nil, "12.763.150.960"), ("98.505", 2, "98,51"), ("-1234.5", nil, "-1.234,5"), ("100", 2, "100,00"),
        ("999", nil, "999"), ("1000", nil, "1.000"), ("0.5", nil, "0,5"),
    ] as [(String, Int?, String)])
    func formatsTheIndonesianWay(value: String, digits: Int?, shown: String) throws {
        let decimal = try DecimalText.parse(value)
        #expect(TypedNumberText.format(decimal, fractionDigits: digits) == shown)
        // What is shown is read back as the same value.
        if digits == nil { #expect(try TypedNumberText.read(shown).get().value == decimal) }
    }
}
