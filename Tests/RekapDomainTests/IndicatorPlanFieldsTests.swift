import Foundation
import Testing
@testable import RekapDomain

/// The §1.1 indicator fields: `previous`, `reported_penyerapan`, `reported_efisiensi`.
@Suite struct IndicatorPlanFieldsTests {
    let checker = SubmissionChecker(knownRegion: DumaiRegions.known)

    /// A report whose budget's penyerapan is exactly 80% (realisasi 800 of pagu 1000); IKM capaian 105 (91.35 / 87).
    func report(_ extra: String) -> String {
        #"""
        {"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY",
         "indicators": [{"code": "IKM", "name": "IKM", "target": "87", "realisasi": "91.35", "reported_capaian": "105"\#(extra)}],
         "budget": {"programs": [{"name": "P", "pagu": "1000", "realisasi": "800"}], "total": {"pagu": "1000", "realisasi": "800"}}}
        """#
    }

    func findings(_ extra: String) -> [Finding] {
        let result = checker.check(Array(report(extra).utf8))
        #expect(result.isAccepted, "\(result.problems)")
        return result.findings
    }

    @Test func consistentFiguresGiveNoFinding() {
        // 105 / 80 = 1.3125: within 0.001 of 1.313 both ways.
        let extra = #", "reported_penyerapan": "80", "reported_efisiensi": "1.313", "previous": {"year": 2022, "target": "100", "realisasi": "90", "reported_capaian": "90"}"#
        #expect(findings(extra).isEmpty, "\(findings(extra))")
    }

    @Test func previousCapaianIsCheckedLikeTheCurrentOne() {
        let found = findings(#", "previous": {"year": 2022, "target": "87", "realisasi": "90", "reported_capaian": "110"}"#)
        #expect(found.map(\.rule) == [FindingRule.capaianMismatch.rawValue])
        #expect(found.first?.pointer == "/indicators/0/previous/reported_capaian")
        // 90 / 87 = 103.448…: the printed 103.44 is cut off, not wrong.
        let rounding = findings(#", "previous": {"year": 2022, "target": "87", "realisasi": "90", "reported_capaian": "103.44"}"#)
        #expect(rounding.map(\.rule) == [FindingRule.capaianRounding.rawValue])
    }

    @Test func previousYearMustBeTheYearBefore() {
        let result = checker.check(Array(report(#", "previous": {"year": 2021, "target": "87"}"#).utf8))
        #expect(result.problems.map(\.pointer) == ["/indicators/0/previous/year"])
        let missing = checker.check(Array(report(#", "previous": {"target": "87"}"#).utf8))
        #expect(missing.problems.map(\.pointer) == ["/indicators/0/previous/year"])
    }

    @Test func penyerapanAgainstTheBudget() {
        let found = findings(#", "reported_penyerapan": "91.35""#)
        #expect(found.map(\.rule) == [FindingRule.penyerapanMismatch.rawValue])
        #expect(found.first?.pointer == "/indicators/0/reported_penyerapan")
        #expect(found.first?.message.contains("equals this indicator's realisasi 91.35") == true, "\(found)")
        #expect(findings(#", "reported_penyerapan": "80.01""#).isEmpty)
    }

    @Test func efisiensiAgainstOwnFiguresAndComputed() {
        // Own figures 105 / 80 = 1.3125 but printed 1.2: both wrong.
        let both = findings(#", "reported_penyerapan": "80", "reported_efisiensi": "1.2""#)
        #expect(both.map(\.rule) == [FindingRule.efisiensiInconsistent.rawValue, FindingRule.efisiensiMismatch.rawValue])
        #expect(Set(both.map(\.pointer)) == ["/indicators/0/reported_efisiensi"])
        // The seed's arithmetic: 105 / 70 = 1.5 follows from its own figures, not from the budget's 80%.
        let computedOnly = findings(#", "reported_penyerapan": "70", "reported_efisiensi": "1.5""#)
        #expect(computedOnly.map(\.rule) == [FindingRule.penyerapanMismatch.rawValue, FindingRule.efisiensiMismatch.rawValue])
        // 0.001 is tolerated.
        #expect(findings(#", "reported_efisiensi": "1.3135""#).isEmpty)
        #expect(findings(#", "reported_efisiensi": "1.3136""#).map(\.rule) == [FindingRule.efisiensiMismatch.rawValue])
    }
}
