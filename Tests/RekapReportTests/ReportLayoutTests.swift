import Foundation
import RekapDomain
import Testing
@testable import RekapReport

/// The tables every format prints, and the figures in them.
@Suite struct ReportLayoutTests {
    let report = SampleReport.report

    /// A table in English (the pins below are the English texts; `ReportLanguageTests` has the Indonesian).
    func table(_ id: String, in report: CityReport = SampleReport.report) throws -> ReportTable {
        try #require(report.chapters(.en).flatMap(\.tables).first { $0.id == id }, "no table \(id)")
    }

    @Test func everyTableIsThereInLKjIPOrder() {
        let ids = report.chapters().flatMap(\.tables).map(\.id)
        #expect(ids == ["iku-kecamatan", "iku-tahun-lalu", "iku-renstra", "iku-triwulan-pk", "iku-city", "budget-programs",
                        "budget-belanja", "efisiensi", "pbb-kecamatan", "pbb-kelurahan", "rank-pbb-kelurahan", "rank-iku",
                        "rank-penyerapan", "rank-awards", "completeness", "findings", "cross-findings"])
        // An empty report keeps every table but the leaderboards it has none of.
        let emptyIDs = SampleReport.empty.chapters().flatMap(\.tables).map(\.id)
        #expect(emptyIDs == ids.filter { !$0.hasPrefix("rank-") || $0 == "rank-awards" })
    }

    @Test func ikuCapaianPredikatAndLastYear() throws {
        let rows = try table("iku-kecamatan").rows.map { $0.map(\.plain) }
        // 91.72 / 87 × 100 = 105.4252…, half-up 105.43; last year 90 / 87 × 100 = 103.448… → 103.45. No PK
        // stored: its target and the capaian against it are empty, not zero.
        #expect(rows[0] == ["14.72.02", "IKM", "Indeks Kepuasan Masyarakat", "indeks", "87", "90", "103.45", "87", "", "91.72",
                            "105.43", "", "Sangat Berhasil", "91"])
        // No previous year: empty, not zero.
        #expect(rows[1][4...6] == ["", "", ""])
        #expect([rows[1][10], rows[1][12]] == ["50.00", "Tidak Berhasil"])
        // Lower is better, realisasi 25 over twice the target 10: floored at 0.
        #expect([rows[2][10], rows[2][12]] == ["0.00", "Tidak Berhasil"])
    }

    @Test func cityStatisticsCountEveryPredikat() throws {
        let table = try table("iku-city")
        #expect(table.columns.map(\.key).suffix(4) == ["sangat_berhasil", "berhasil", "cukup_berhasil", "tidak_berhasil"])
        #expect(table.rows[0].map(\.plain) == ["IKM", "Indeks Kepuasan Masyarakat", "2", "77.71", "77.71", "50.00", "105.43",
                                                    "1", "0", "0", "1"])
    }

    @Test func aCityScaleGivesItsOwnPredikatAndColumns() throws {
        var report = SampleReport.empty
        report.iku = [IKURow(kecamatan: SampleReport.dumaiTimur, code: "IKM", name: "IKM", target: 100, realisasi: 80, predikat: "Baik")]
        report.ikuStatistics = [IKUStatistics(code: "IKM", name: "IKM", reporting: 1, mean: 80, median: 80, minimum: 80, maximum: 80,
                                              predikatCounts: [.init(predikat: "Baik", count: 1), .init(predikat: "Kurang", count: 0)])]
        #expect(try table("iku-kecamatan", in: report).rows[0][12] == .text("Baik"))
        let stats = try table("iku-city", in: report)
        #expect(stats.columns.map(\.key).suffix(2) == ["baik", "kurang"])
        #expect(stats.rows[0].suffix(2) == [.integer(1), .integer(0)])
        // Without a scale of its own, LKjIP Tabel 3.2 rates 80% "Berhasil".
        #expect(IKURow(kecamatan: SampleReport.dumaiTimur, code: "IKM", name: "IKM", target: 100, realisasi: 80).predikat == "Berhasil")
    }

    @Test func budgetFiguresAreExactAndPercentagesHalfUp() throws {
        let programs = try table("budget-programs")
        let rows = programs.rows.map { $0.map(\.plain) }
        #expect(rows[0] == ["7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "2", "11000000000",
                            "11121518960", "10955471979", "166046981", "98.51"])
        // 19701 / 20000 × 100 = 98.505 exactly: half-up gives 98.51, not banker's 98.50.
        #expect(rows[1].suffix(4) == ["20000", "19701", "299", "98.51"])
        // Pagu 0: no penyerapan at all rather than 0% or a division error.
        #expect(rows[2].suffix(4) == ["0", "0", "0", ""])
        #expect(programs.footer?.map(\.plain) == ["", "Total", "", "11000000000", "11121538960", "10955491680", "166047280", "98.51"])
        let belanja = try table("budget-belanja")
        #expect(belanja.rows.map { $0.map(\.plain) } == [
            ["operasi", "11668738708", "11483756385", "184982323", "98.41"],
            ["modal", "1094412252", "1089101944", "5310308", "99.51"],
        ])
        #expect(belanja.footer?.map(\.plain) == ["Total", "12763150960", "12572858329", "190292631", "98.51"])
    }

    @Test func efisiensiUsesTheDomainRule() throws {
        let rows = try table("efisiensi").rows.map { $0.map(\.plain) }
        // 105.42 ÷ 98.5090…% = 1.0701… → 1.07, efisien.
        #expect(rows[0] == ["14.72.02", "105.42", "12763150960", "12572858329", "98.51", "1.07", "efisien"])
        #expect(rows[1] == ["14.72.03", "50.00", "", "", "", "", "penyerapan cannot be computed"])
    }

    @Test func pbbPercentagesAndTotals() throws {
        let rows = try table("pbb-kelurahan").rows.map { $0.map(\.plain) }
        #expect(rows[0] == ["14.72.02.1001", "1250000000", "1100000000", "88.00", "3200", "2900", "", "2023-12-31", "submission"])
        #expect(rows[1] == ["14.72.02.1003", "800000", "800000", "100.00", "10", "10", "2023-08-17", "2023-12-31", "feed"])
        #expect(rows[2][3] == "")
        let kecamatan = try table("pbb-kecamatan")
        #expect(kecamatan.footer?.map(\.plain) == ["Total", "1250800000", "1100800000", "88.01", "3210", "2910", "", "2023-12-31", ""])
    }

    @Test func leaderboardsKeepRankingOrderAndTies() throws {
        let pbb = try table("rank-pbb-kelurahan")
        #expect(pbb.rows.map { $0.map(\.plain) } == [
            ["1", "14.72.02.1003", "100.00", "800000", "800000"],
            ["2", "14.72.02.1001", "88.00", "1100000000", "1250000000"],
            ["", "14.72.02.1004", "", "0", "0"],
        ])
        // The unranked kelurahan gets no bar.
        #expect(pbb.chart?.bars.map(\.valueText) == ["100.00%", "88.00%"])
        // In Bahasa Indonesia the bars show Indonesian numbers.
        #expect(ReportTable.leaderboard(report.leaderboards[0], .id).chart?.bars.map(\.valueText) == ["100,00%", "88,00%"])
        let awards = try table("rank-awards")
        #expect(awards.rows.map { $0.map(\.plain) } == [
            ["1", "14.72.02.1004", "2", "0", "0", "2", "1"],
            ["2", "14.72.02.1003", "0", "3", "1", "4", "0"],
            ["3", "14.72.02.1001", "0", "1", "0", "1", "0"],
        ])
    }

    @Test func completenessSaysWhoDidNotSubmit() throws {
        let table = try table("completeness")
        #expect(table.columns.map(\.key) == ["region", "level", "fy", "q1", "q2", "q3", "q4"])
        #expect(table.rows[0].map(\.plain) == ["14.72.02", "kecamatan", "2024-01-31T23:00:00Z", "", "", "2024-02-01T00:00:00Z", ""])
        #expect(table.rows[0][2].humanText(.en) == "2024-01-31 (rev. 2)")
        #expect(table.rows[1].dropFirst(2).allSatisfy { $0.humanText(.en) == "missing" })
        #expect(table.note?.hasPrefix("1 of 2 regions that owe the annual report (FY) submitted it") == true)
    }

    /// A period a region does not owe is not missing ("—", no red cell); a region that owes nothing
    /// and sent nothing is not listed; the day a revision was signed is shown beside the day it was stored.
    @Test func completenessShowsOnlyWhatIsOwedAndTheSignedDay() throws {
        var report = SampleReport.report
        let owedFY = CompletenessRow(region: SampleReport.telukBinjai, periods: Period.allCases.map { period in
            period == .fy ? .init(period: .fy, revision: 1, submittedAt: SampleReport.aggregatedAt,
                                  signedOn: try! CalendarDate(parsing: "2024-01-22"), owed: true)
                : .init(period: period, owed: false)
        })
        let owesNothing = CompletenessRow(region: SampleReport.tanjungPalas, periods: Period.allCases.map { .init(period: $0, owed: false) })
        report.completeness = [owedFY, owesNothing]
        let table = try table("completeness", in: report)
        #expect(table.rows.count == 1)
        #expect(table.rows[0][2].humanText(.en) == "2024-01-31 (rev. 1, signed 2024-01-22)")
        #expect(table.rows[0].dropFirst(3).allSatisfy { $0.humanText(.en) == ReportFormat.missing })
        #expect(table.note?.hasPrefix("1 of 1 regions that owe the annual report (FY) submitted it") == true)
        #expect(!HTMLRenderer.render(report, language: .en).contains("<td class=\"missing\">"))
        let csv = CSVRenderer.render(report, language: .en).components(separatedBy: "\r\n")
        #expect(csv.contains("section,region,region_name,level,fy,fy_signed,q1,q1_signed,q2,q2_signed,q3,q3_signed,q4,q4_signed"))
        #expect(csv.contains { $0.hasPrefix("completeness,14.72.02.1004,") && $0.hasSuffix(",kelurahan,2024-01-31T23:00:00Z,2024-01-22,,,,,,,,") })
        let json = try JSONParser().parse(JSONRenderer.render(report))
        guard case .array(let rows)? = json["completeness"], rows.count == 2 else {
            Issue.record("completeness is not an array of 2")
            return
        }
        #expect(rows[0]["owed"] == .array([.string("FY")]))
        #expect(rows[0]["periods"]?["FY"]?["signed_date"] == .string("2024-01-22"))
        #expect(rows[1]["owed"] == .array([]))
    }

    @Test func findingsOneRowEach() throws {
        let rows = try table("findings").rows.map { $0.map(\.plain) }
        #expect(rows.count == 2)
        #expect(rows[0].prefix(7) == ["42", "14.72.02", "FY", "2", "error", "budget.parent-sum-mismatch", "/budget/programs/0/pagu"])
    }

    @Test func groupedAmounts() {
        #expect(ReportFormat.grouped(12_763_150_960) == "12\u{202F}763\u{202F}150\u{202F}960")
        #expect(ReportFormat.grouped(SampleReport.decimal("1234.5")) == "1\u{202F}234.5")
        #expect(ReportFormat.grouped(999) == "999")
        #expect(ReportFormat.grouped(0) == "0")
        #expect(ReportFormat.grouped(-1000) == "-1\u{202F}000")
    }
}

extension ReportCell {
    /// The CSV text in English.
    var plain: String { plainText(.en) }
}
