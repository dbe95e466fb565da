import Foundation
import Testing
@testable import RekapDomain

/// Every §1.3 rule firing and not firing, matching by code and by name.
@Suite struct CrossDocumentRulesTests {
    let rules = CrossDocumentRules()

    static func report(period: String = "FY", year: Int = 2023, indicators: String, budget: String = "") -> String {
        #"{"format": "rekap.submission/v1", "region": "14.72.02", "year": \#(year), "period": "\#(period)", "indicators": \#(indicators)\#(budget.isEmpty ? "" : ", \"budget\": " + budget)}"#
    }

    static func pk(kind: String = "murni", indicators: String = "[]", programs: String = "[]") -> String {
        #"{"format": "rekap.pk/v1", "region": "14.72.02", "year": 2023, "kind": "\#(kind)", "indicators": \#(indicators), "programs": \#(programs)}"#
    }

    static func renstra(from: Int = 2022, to: Int = 2026, targets: String) -> String {
        #"{"format": "rekap.renstra/v1", "region": "14.72.02", "from": \#(from), "to": \#(to), "indicators": [{"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "targets": \#(targets)}]}"#
    }

    static let ikm87 = #"[{"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "target": "87", "realisasi": "91.72", "renstra_target": "88"}]"#

    func rulesFired(_ documents: PlanDocuments) -> [String] { rules.findings(documents).map(\.rule) }

    // MARK: PK target vs report

    @Test func pkTargetVsReport() throws {
        let report = try Decoded.report(Self.report(indicators: Self.ikm87), id: "r1")
        let murni92 = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "x", "target": "92"}]"#), id: "m1")
        let found = rules.findings(PlanDocuments(report: report, pkMurni: murni92))
        #expect(found.map(\.rule) == [CrossDocumentRule.pkTargetVsReport.rawValue])
        let finding = try #require(found.first)
        #expect(finding.subject == DocumentPlace(report.reference, "/indicators/0/target"))
        #expect(finding.against == DocumentPlace(murni92.reference, "/indicators/0/target"))
        #expect(finding.documents.map(\.id) == ["r1", "m1"])
        let murni87 = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "x", "target": "87"}]"#))
        #expect(rulesFired(PlanDocuments(report: report, pkMurni: murni87)).isEmpty)
    }

    @Test func thePerubahanPKWinsWhereItHasTheIndicator() throws {
        let report = try Decoded.report(Self.report(indicators: Self.ikm87))
        let murni92 = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "x", "target": "92"}]"#))
        let perubahan87 = try Decoded.pk(Self.pk(kind: "perubahan", indicators: #"[{"code": "IKM", "name": "x", "target": "87"}]"#))
        #expect(rulesFired(PlanDocuments(report: report, pkMurni: murni92, pkPerubahan: perubahan87)).isEmpty)
        // A perubahan without the indicator: the murni one counts (and the indicator is missing from the perubahan).
        let perubahanOther = try Decoded.pk(Self.pk(kind: "perubahan", indicators: #"[{"code": "X", "name": "x", "target": "95"}]"#))
        let found = rules.findings(PlanDocuments(report: report, pkMurni: murni92, pkPerubahan: perubahanOther))
        #expect(found.filter { $0.rule == CrossDocumentRule.pkTargetVsReport.rawValue }.map(\.against.document.kind) == [.pk(.murni)])
    }

    @Test func targetsAreNotComparedForAQuarter() throws {
        let q2 = try Decoded.report(Self.report(period: "Q2", indicators: Self.ikm87))
        let murni92 = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "x", "target": "92"}]"#))
        #expect(rulesFired(PlanDocuments(report: q2, pkMurni: murni92)).isEmpty)
    }

    // MARK: PK vs Renstra, report vs Renstra end

    @Test func pkVsRenstra() throws {
        let pk = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "x", "target": "92"}]"#), id: "pk")
        let renstra = try Decoded.renstra(Self.renstra(targets: #"{"2023": "87", "2026": "91"}"#), id: "rs")
        let found = rules.findings(PlanDocuments(pkMurni: pk, renstra: renstra))
        #expect(found.map(\.rule) == [CrossDocumentRule.pkVsRenstra.rawValue])
        #expect(found.first?.against == DocumentPlace(renstra.reference, "/indicators/0/targets/2023"))
        let agreeing = try Decoded.renstra(Self.renstra(targets: #"{"2023": "92"}"#))
        #expect(rulesFired(PlanDocuments(pkMurni: pk, renstra: agreeing)).isEmpty)
        let noTargetThatYear = try Decoded.renstra(Self.renstra(targets: #"{"2024": "90"}"#))
        #expect(rulesFired(PlanDocuments(pkMurni: pk, renstra: noTargetThatYear)).isEmpty)
        let otherPeriod = try Decoded.renstra(Self.renstra(from: 2017, to: 2021, targets: #"{"2021": "80"}"#))
        #expect(rulesFired(PlanDocuments(pkMurni: pk, renstra: otherPeriod)).isEmpty)
    }

    @Test func renstraEndVsReport() throws {
        let report = try Decoded.report(Self.report(indicators: Self.ikm87))
        let ends91 = try Decoded.renstra(Self.renstra(targets: #"{"2023": "87", "2026": "91"}"#))
        let found = rules.findings(PlanDocuments(report: report, renstra: ends91))
        #expect(found.map(\.rule) == [CrossDocumentRule.renstraEndVsReport.rawValue])
        #expect(found.first?.subject.pointer == "/indicators/0/renstra_target")
        #expect(found.first?.against.pointer == "/indicators/0/targets/2026")
        let ends88 = try Decoded.renstra(Self.renstra(targets: #"{"2023": "87", "2026": "88"}"#))
        #expect(rulesFired(PlanDocuments(report: report, renstra: ends88)).isEmpty)
    }

    // MARK: IKU not in the PK

    @Test func indicatorsMissingBothWays() throws {
        let report = try Decoded.report(Self.report(indicators: #"[{"code": "IKM", "name": "a", "target": "1", "realisasi": "1"}, {"code": "PTPU", "name": "b", "target": "1", "realisasi": "1"}]"#))
        let pk = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "a", "target": "1"}, {"name": "Kualitas sumber daya lembaga masyarakat", "target": "100"}]"#))
        let found = rules.findings(PlanDocuments(report: report, pkMurni: pk))
        #expect(found.map(\.rule) == [CrossDocumentRule.reportIndicatorNotInPK.rawValue, CrossDocumentRule.pkIndicatorNotInReport.rawValue])
        #expect(found.map(\.subject.pointer) == ["/indicators/1", "/indicators/1"])
        let complete = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "a", "target": "1"}, {"code": "PTPU", "name": "b", "target": "1"}]"#))
        #expect(rulesFired(PlanDocuments(report: report, pkMurni: complete)).isEmpty)
    }

    // MARK: Matching

    @Test func byNameIgnoringCaseAndSpacingWhereACodeIsMissing() throws {
        let report = try Decoded.report(Self.report(indicators: Self.ikm87))
        let pk = try Decoded.pk(Self.pk(indicators: #"[{"name": "  indeks   KEPUASAN\tmasyarakat ", "target": "92"}]"#))
        let found = rules.findings(PlanDocuments(report: report, pkMurni: pk))
        // Matched: the target is compared and nothing is "missing".
        #expect(found.map(\.rule) == [CrossDocumentRule.pkTargetVsReport.rawValue])
        #expect(PlanMatching.nameKey(" Program  Penyelenggaraan\nPemerintahan ") == "program penyelenggaraan pemerintahan")
    }

    @Test func twoDifferentCodesDoNotMatchEvenWithTheSameName() throws {
        let report = try Decoded.report(Self.report(indicators: Self.ikm87))
        let pk = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM2", "name": "Indeks Kepuasan Masyarakat", "target": "87"}]"#))
        #expect(rulesFired(PlanDocuments(report: report, pkMurni: pk)) == [CrossDocumentRule.reportIndicatorNotInPK.rawValue, CrossDocumentRule.pkIndicatorNotInReport.rawValue])
    }

    // MARK: PK vs budget

    static let budget = #"""
    {"programs": [
      {"code": "7.01.02", "name": "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "pagu_murni": "150000000", "pagu": "143512700", "realisasi": "1"},
      {"name": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "pagu_murni": "1298119300", "pagu": "1398119300", "realisasi": "1"}]}
    """#

    @Test func murniPKAgainstPaguMurniAndPerubahanAgainstPagu() throws {
        let report = try Decoded.report(Self.report(indicators: "[]", budget: Self.budget))
        let murni = try Decoded.pk(Self.pk(programs: #"[{"code": "7.01.02", "name": "x", "anggaran": "150000000"}, {"name": "program PEMBERDAYAAN Masyarakat Desa Dan Kelurahan", "anggaran": "1398119300"}]"#))
        let found = rules.findings(PlanDocuments(report: report, pkMurni: murni))
        #expect(found.map(\.rule) == [CrossDocumentRule.pkVsBudget.rawValue])
        #expect(found.first?.subject.pointer == "/programs/1/anggaran")
        #expect(found.first?.against.pointer == "/budget/programs/1/pagu_murni")
        #expect(found.first?.message.contains("higher by 100000000") == true, "\(found)")

        let perubahan = try Decoded.pk(Self.pk(kind: "perubahan", programs: #"[{"code": "7.01.02", "name": "x", "anggaran": "143512700"}, {"name": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "anggaran": "1298119300"}]"#))
        let amended = rules.findings(PlanDocuments(report: report, pkPerubahan: perubahan))
        #expect(amended.map(\.against.pointer) == ["/budget/programs/1/pagu"])
        #expect(amended.first?.message.contains("lower by 100000000") == true, "\(amended)")

        let agreeing = try Decoded.pk(Self.pk(kind: "perubahan", programs: #"[{"code": "7.01.02", "name": "x", "anggaran": "143512700"}, {"name": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "anggaran": "1398119300"}]"#))
        #expect(rulesFired(PlanDocuments(report: report, pkPerubahan: agreeing)).isEmpty)
    }

    @Test func programsMissingOnEitherSide() throws {
        let report = try Decoded.report(Self.report(indicators: "[]", budget: Self.budget))
        let pk = try Decoded.pk(Self.pk(programs: #"[{"code": "7.01.02", "name": "x", "anggaran": "150000000"}, {"code": "7.01.05", "name": "y", "anggaran": "66910407"}]"#))
        let found = rules.findings(PlanDocuments(report: report, pkMurni: pk))
        #expect(found.map(\.rule) == [CrossDocumentRule.pkProgramNotInBudget.rawValue, CrossDocumentRule.budgetProgramNotInPK.rawValue])
        #expect(found.map(\.severity) == [.warning, .info])
    }

    // MARK: Previous year

    @Test func previousAgainstLastYearsReport() throws {
        let report = try Decoded.report(Self.report(indicators: #"[{"code": "IKM", "name": "a", "target": "87", "realisasi": "91.72", "previous": {"year": 2022, "target": "87", "realisasi": "90"}}]"#))
        let last90 = try Decoded.report(Self.report(year: 2022, indicators: #"[{"code": "IKM", "name": "a", "target": "87", "realisasi": "90"}]"#))
        #expect(rulesFired(PlanDocuments(report: report, previousReport: last90)).isEmpty)
        let last89 = try Decoded.report(Self.report(year: 2022, indicators: #"[{"code": "IKM", "name": "a", "target": "85", "realisasi": "89.5"}]"#), id: "2022")
        let found = rules.findings(PlanDocuments(report: report, previousReport: last89))
        #expect(found.map(\.subject.pointer) == ["/indicators/0/previous/target", "/indicators/0/previous/realisasi"])
        #expect(found.map(\.against.pointer) == ["/indicators/0/target", "/indicators/0/realisasi"])
        #expect(Set(found.map(\.rule)) == [CrossDocumentRule.previousYear.rawValue])
        // Not last year's: ignored.
        let older = try Decoded.report(Self.report(year: 2021, indicators: #"[{"code": "IKM", "name": "a", "target": "85", "realisasi": "89.5"}]"#))
        #expect(rulesFired(PlanDocuments(report: report, previousReport: older)).isEmpty)
    }

    // MARK: Quarterly capaian

    @Test func quarterAgainstThePKsQuarterTarget() throws {
        let q2 = try Decoded.report(Self.report(period: "Q2", indicators: #"[{"code": "IKM", "name": "a", "target": "40", "realisasi": "45"}]"#))
        let pk50 = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "a", "target": "92", "quarters": {"Q2": "50", "Q4": "92"}}]"#))
        let found = rules.findings(PlanDocuments(report: q2, pkMurni: pk50))
        #expect(found.map(\.rule) == [CrossDocumentRule.quarterTarget.rawValue])
        #expect(found.first?.against.pointer == "/indicators/0/quarters/Q2")
        #expect(found.first?.message.contains("capaian against the PK is 90.00") == true, "\(found)")
        let pk40 = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "a", "target": "92", "quarters": {"Q2": "40"}}]"#))
        #expect(rulesFired(PlanDocuments(report: q2, pkMurni: pk40)).isEmpty)
        let noQuarters = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "a", "target": "92"}]"#))
        #expect(rulesFired(PlanDocuments(report: q2, pkMurni: noQuarters)).isEmpty)
    }

    @Test func nothingWithoutTheOtherDocument() throws {
        let report = try Decoded.report(Self.report(indicators: Self.ikm87, budget: Self.budget))
        #expect(rulesFired(PlanDocuments(report: report)).isEmpty)
        let pk = try Decoded.pk(Self.pk(indicators: #"[{"code": "IKM", "name": "x", "target": "92"}]"#))
        #expect(rulesFired(PlanDocuments(pkMurni: pk)).isEmpty)
    }
}

/// Capaian against the PK's target, beside the report's own.
@Suite struct PlanCapaianTests {
    @Test func fyAgainstTheYearlyTargetAndQuartersAgainstTheirs() throws {
        let pk = try Decoded.pk(CrossDocumentRulesTests.pk(indicators: #"[{"code": "IKM", "name": "a", "target": "92", "quarters": {"Q2": "50"}}]"#), id: "pk")
        let fy = try Decoded.report(CrossDocumentRulesTests.report(indicators: CrossDocumentRulesTests.ikm87))
        let yearly = PlanCapaian.figures(PlanDocuments(report: fy, pkMurni: pk))
        #expect(yearly.map(\.target) == [92])
        #expect(yearly.first?.place == DocumentPlace(pk.reference, "/indicators/0/target"))
        // 91.72 / 92 × 100 = 99.695…
        #expect(yearly.first?.capaian.percent.map(DecimalText.percent) == "99.70")
        let q2 = try Decoded.report(CrossDocumentRulesTests.report(period: "Q2", indicators: #"[{"code": "IKM", "name": "a", "target": "40", "realisasi": "45"}]"#))
        #expect(PlanCapaian.figures(PlanDocuments(report: q2, pkMurni: pk)).map { $0.capaian.percent } == [90])
        let q3 = try Decoded.report(CrossDocumentRulesTests.report(period: "Q3", indicators: #"[{"code": "IKM", "name": "a", "target": "40", "realisasi": "45"}]"#))
        #expect(PlanCapaian.figures(PlanDocuments(report: q3, pkMurni: pk)).isEmpty)
    }
}
