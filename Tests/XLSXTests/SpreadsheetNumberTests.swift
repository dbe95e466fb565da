import Testing
import XLSX

@Suite struct SpreadsheetNumberTests {
    /// The XML's text rounded to 15 significant digits by digit work (contract §1.4).
    @Test(arguments: [
        ("91.719999999999999", "91.72"), ("91.72", "91.72"), ("105.42", "105.42"), ("12763150960", "12763150960"),
        ("0.1", "0.1"), ("0.30000000000000004", "0.3"), ("1.2345E-3", "0.0012345"), ("1.5e3", "1500"),
        ("-3.5", "-3.5"), ("0", "0"), ("-0", "0"), ("999999999999999.5", "1000000000000000"),
        ("143512700.07000001", "143512700.07"), ("1.149", "1.149"), ("100", "100"), ("2.0000000000000001E+20", "200000000000000000000"),
        ("0.00012345678901234567", "0.000123456789012346"),
    ])
    func roundsToFifteenSignificantDigits(xml: String, shown: String) {
        #expect(SpreadsheetNumber.decimalText(xml) == shown)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1e", "1e999", "--1", "1,5"])
    func refusesWhatIsNotANumber(xml: String) {
        #expect(SpreadsheetNumber.decimalText(xml) == nil)
    }

    /// Excel's 1900 system with its phantom 29 February 1900, and the 1904 system.
    @Test(arguments: [
        ("1", false, "1900-01-01"), ("59", false, "1900-02-28"), ("61", false, "1900-03-01"), ("45291", false, "2023-12-31"),
        ("45313.75", false, "2024-01-22"), ("0", true, "1904-01-01"), ("43829", true, "2023-12-31"),
    ])
    func datesFromSerials(serial: String, date1904: Bool, date: String) {
        #expect(SpreadsheetDate.fromSerial(serial, date1904: date1904)?.description == date)
    }

    @Test func noDateForThePhantomDayOrNegativeSerials() {
        #expect(SpreadsheetDate.fromSerial("60", date1904: false) == nil)
        #expect(SpreadsheetDate.fromSerial("-1", date1904: false) == nil)
        #expect(SpreadsheetDate.fromSerial("0", date1904: false) == nil)
    }
}
