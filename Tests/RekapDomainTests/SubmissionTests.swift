import Foundation
import Testing
@testable import RekapDomain

@Suite struct SubmissionTests {
    let checker = SubmissionChecker(knownRegion: DumaiRegions.known)

    func check(_ text: String) -> CheckResult { checker.check(Array(text.utf8)) }

    static let header = #""format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY""#

    func document(_ body: String) -> String { "{\(Self.header)\(body.isEmpty ? "" : ", " + body)}" }

    static let budget = #"""
    "budget": {"programs": [
      {"code": "7.01.02", "name": "P", "pagu_murni": "150000000", "pagu": "300", "realisasi": "250", "kegiatan": [
        {"code": "K1", "name": "K", "pagu": "300", "realisasi": "250", "sub_kegiatan": [
          {"code": "S1", "name": "S1", "belanja": "operasi", "pagu": 100, "realisasi": "100.00", "kelurahan": "14.72.02.1004"},
          {"code": "S2", "name": "S2", "belanja": "modal", "pagu": "200", "realisasi": 150}]}]}],
      "belanja": {"operasi": {"pagu": "100", "realisasi": "100"}, "modal": {"pagu": "200", "realisasi": "150"}},
      "total": {"pagu_murni": "150000000", "pagu": "300", "realisasi": "250"}}
    """#

    @Test func consistentBudgetHasNoFindings() throws {
        let result = check(document(Self.budget))
        #expect(result.isAccepted, "\(result.problems)")
        #expect(result.findings.isEmpty, "\(result.findings)")
        let summary = try #require(result.summary)
        #expect(summary.total?.sisa == 50)
        #expect(summary.total?.penyerapan.map(DecimalText.percent) == "83.33")
        #expect(summary.belanja[.modal]?.realisasi == 150)
    }

    @Test func belanjaTotalsAgainstClassifiedLines() {
        let wrong = Self.budget.replacingOccurrences(of: #""modal": {"pagu": "200", "realisasi": "150"}"#, with: #""modal": {"pagu": "201", "realisasi": "150"}"#)
        let findings = check(document(wrong)).findings
        #expect(findings.contains { $0.rule == "budget.belanja-mismatch" && $0.pointer.description == "/budget/belanja/modal/pagu" && $0.message.contains("201") })
        #expect(findings.contains { $0.rule == "budget.belanja-total-mismatch" })
        let partial = Self.budget.replacingOccurrences(of: #""belanja": "modal", "#, with: "")
        #expect(check(document(partial)).findings.map(\.rule) == ["budget.belanja-unclassified"])
    }

    @Test func overspendingAtEveryLevel() {
        let over = Self.budget.replacingOccurrences(of: #""realisasi": 150}"#, with: #""realisasi": 250}"#)
            .replacingOccurrences(of: #""realisasi": "250""#, with: #""realisasi": "350""#)
            .replacingOccurrences(of: #""realisasi": "150"}}"#, with: #""realisasi": "250"}}"#)
        let findings = check(document(over)).findings.filter { $0.rule == "budget.realisasi-exceeds-pagu" }
        let pointers = Set(findings.map(\.pointer.description))
        #expect(pointers.isSuperset(of: [
            "/budget/programs/0/kegiatan/0/sub_kegiatan/1/realisasi", "/budget/programs/0/kegiatan/0/realisasi",
            "/budget/programs/0/realisasi", "/budget/total/realisasi", "/budget/belanja/modal/realisasi",
        ]), "\(pointers)")
    }

    @Test func parentWithoutAmountsUsesItsLines() throws {
        let text = document(#""budget": {"programs": [{"name": "P", "kegiatan": [{"name": "K", "sub_kegiatan": [{"name": "S", "pagu": "10", "realisasi": "5"}]}]}]}"#)
        let result = check(text)
        #expect(result.findings.isEmpty)
        #expect(try #require(result.summary).programs.first?.penyerapan == 50)
    }

    @Test func collectsEveryProblem() {
        let text = #"""
        {"format": "rekap.submission/v1", "region": "14.72.02", "year": "2023", "period": "H1",
         "signed": {"date": "2023-02-30"},
         "indicators": [{"code": "A", "name": "n", "target": "1,5", "realisasi": "1"}, {"code": "A", "name": "m", "target": "1", "realisasi": "1", "polarity": "up"}],
         "budget": {"programs": [{"name": "", "pagu": "-1", "realisasi": "1.001"}], "belanja": {"pegawai": {"pagu": "1", "realisasi": "1"}}, "total": {"pagu": "1000000000000000000", "realisasi": 1e3}},
         "pbb": [{"kelurahan": "14.72.01.1003", "ketetapan": "1", "realisasi": "1"}],
         "awards": [{"region": "14.72.06.1003", "title": "t", "level": "dunia", "place": 4}]}
        """#
        let problems = check(text).problems
        let found = Set(problems.map { "\($0.pointer) \($0.kind.rawValue)" })
        let expected: Set<String> = [
            "/year wrong-type", "/period not-allowed", "/signed/date invalid-date", "/indicators/0/target invalid-number",
            "/indicators/1/code duplicate-code", "/indicators/1/polarity not-allowed", "/budget/programs/0/name missing",
            "/budget/programs/0/pagu invalid-amount", "/budget/programs/0/realisasi invalid-amount", "/budget/belanja/pegawai not-allowed",
            "/budget/total/pagu invalid-amount", "/budget/total/realisasi invalid-amount", "/pbb/0/as_of missing",
            "/pbb/0/kelurahan out-of-scope", "/awards/0/level not-allowed", "/awards/0/place not-allowed", "/awards/0/region out-of-scope",
        ]
        #expect(found == expected, "missing: \(expected.subtracting(found)); extra: \(found.subtracting(expected))")
        #expect(problems.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func scopeOfAKelurahanIsItself() {
        let own = #"{"format": "rekap.submission/v1", "region": "14.72.02.1004", "year": 2023, "period": "Q3", "pbb": [{"kelurahan": "14.72.02.1004", "ketetapan": "10", "realisasi": "5", "as_of": "2023-09-30"}]}"#
        #expect(check(own).isAccepted)
        let other = own.replacingOccurrences(of: #""kelurahan": "14.72.02.1004""#, with: #""kelurahan": "14.72.02.1003""#)
        #expect(check(other).problems.map(\.kind) == [.outOfScope])
        let kecamatanAsKelurahan = own.replacingOccurrences(of: #""kelurahan": "14.72.02.1004""#, with: #""kelurahan": "14.72.02""#)
        #expect(check(kecamatanAsKelurahan).problems.map(\.kind) == [.invalidRegion])
    }

    @Test func unknownRegionsNeedTheRegistry() {
        let text = #"{"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY", "awards": [{"region": "14.72.02.1005", "title": "t", "level": "kota", "place": 1}]}"#
        #expect(SubmissionChecker().check(Array(text.utf8)).isAccepted)
        let problems = check(text).problems
        #expect(problems.map(\.pointer.description) == ["/awards/0/region"])
        #expect(problems.first?.kind == .unknownRegion)
        if case .accepted(_, _, _, let regions) = SubmissionChecker().check(Array(text.utf8)) {
            #expect(regions.map(\.code.text) == ["14.72.02", "14.72.02.1005"])
        } else {
            Issue.record("expected acceptance")
        }
    }

    @Test func unknownFormatStopsDecoding() {
        let problems = check(#"{"format": "rekap.submission/v2", "region": "nonsense", "year": "x"}"#).problems
        #expect(problems.map(\.kind) == [.unknownFormat])
    }

    @Test func wholeDocumentProblems() {
        #expect(checker.check([UInt8]()).problems.map(\.kind) == [.empty])
        #expect(checker.check(Array(" \n".utf8)).problems.map(\.kind) == [.empty])
        #expect(checker.check([0x7B, 0xFE, 0x7D]).problems.map(\.kind) == [.notUTF8])
        #expect(check("[]").problems.map(\.kind) == [.notObject])
        #expect(check("\"x\"").problems.map(\.kind) == [.notObject])
        #expect(check(#"{"format": "#).problems.map(\.kind) == [.syntax])
        let duplicate = check(#"{"format": "rekap.submission/v1", "format": "rekap.submission/v1"}"#).problems
        #expect(duplicate.map(\.kind) == [.duplicateKey])
        #expect(duplicate.first?.pointer.description == "/format")
        #expect(check("{}").problems.map(\.pointer.description) == ["/format", "/region", "/year", "/period"])
        #expect(check(#"{"format": null, "region": "14.72.02", "year": 2023, "period": "FY"}"#).problems.first?.reason.contains("null") == true)
    }

    @Test func indicatorFindings() {
        let text = document(#"""
        "indicators": [
          {"code": "A", "name": "a", "target": "0", "realisasi": "5"},
          {"code": "B", "name": "b", "polarity": "lower", "target": "10", "realisasi": "25"},
          {"code": "C", "name": "c", "target": "87", "realisasi": "91.72", "reported_capaian": "105.4"},
          {"code": "D", "name": "d", "target": "87", "realisasi": "91.72", "reported_capaian": "105.43"},
          {"code": "E", "name": "e", "target": "3", "realisasi": "1", "reported_capaian": "33.33", "renstra_target": "9"}]
        """#)
        let findings = check(text).findings
        #expect(findings.map(\.rule) == ["indicator.capaian-cannot-compute", "indicator.capaian-floored", "indicator.capaian-mismatch",
                                         "indicator.capaian-rounding", "indicator.capaian-rounding"])
        #expect(findings.map(\.severity) == [.warning, .info, .warning, .info, .info])
        #expect(findings[2].message.contains("105.43") && findings[2].message.contains("0.03"))
    }

    @Test func otherFindings() {
        let text = document(#"""
        "signed": {"by": "x", "date": "2023-12-30"},
        "pbb": [{"kelurahan": "14.72.02.1004", "ketetapan": "10", "realisasi": "11", "objek": 3, "objek_lunas": 4, "as_of": "2022-12-31"}],
        "awards": [{"region": "14.72.02", "title": "t", "level": "kota", "place": null}],
        "note": "kept for later", "indicators": [{"code": "A", "name": "a", "target": "1", "realisasi": "1", "extra": 1}]
        """#)
        let result = check(text)
        #expect(result.isAccepted, "\(result.problems)")
        #expect(Set(result.findings.map(\.rule)) == [
            "signed.before-period-end", "pbb.realisasi-exceeds-ketetapan", "pbb.lunas-exceeds-objek", "pbb.as-of-before-year",
            "awards.no-place-or-label", "document.unknown-key",
        ])
        #expect(Set(result.findings.filter { $0.rule == "document.unknown-key" }.map(\.pointer.description)) == ["/note", "/indicators/0/extra"])
    }

    @Test func duplicateCodesPerLevel() {
        // The same kegiatan code in two programs is fine; twice in one program is not.
        let text = document(#"""
        "budget": {"programs": [
          {"code": "P1", "name": "a", "kegiatan": [{"code": "K", "name": "k", "sub_kegiatan": [{"code": "S", "name": "s", "pagu": "1", "realisasi": "1"}]}]},
          {"code": "P2", "name": "b", "kegiatan": [{"code": "K", "name": "k", "sub_kegiatan": [{"code": "S", "name": "s", "pagu": "1", "realisasi": "1"}, {"code": "S", "name": "t", "pagu": "1", "realisasi": "1"}]},
                                                  {"code": "K", "name": "k2"}]}]},
        "pbb": [{"kelurahan": "14.72.02.1004", "ketetapan": "1", "realisasi": "1", "as_of": "2023-12-31"},
                {"kelurahan": "14.72.02.1004", "ketetapan": "1", "realisasi": "1", "as_of": "2023-12-31"}]
        """#)
        #expect(check(text).problems.map(\.pointer.description) == [
            "/budget/programs/1/kegiatan/0/sub_kegiatan/1/code", "/budget/programs/1/kegiatan/1/code", "/pbb/1",
        ])
    }

    @Test func datesMustExist() throws {
        #expect(throws: CalendarDate.Invalid.self) { try CalendarDate(parsing: "2023-02-29") }
        #expect(try CalendarDate(parsing: "2024-02-29").description == "2024-02-29")
        #expect(throws: CalendarDate.Invalid.self) { try CalendarDate(parsing: "1900-02-29") }
        #expect(try CalendarDate(parsing: "2000-02-29").day == 29)
        #expect(throws: CalendarDate.Invalid.self) { try CalendarDate(parsing: "2023-04-31") }
        #expect(throws: CalendarDate.Invalid.self) { try CalendarDate(parsing: "2023-13-01") }
        #expect(throws: CalendarDate.Invalid.self) { try CalendarDate(parsing: "2023-1-01") }
        #expect(throws: CalendarDate.Invalid.self) { try CalendarDate(parsing: "22-01-2024") }
    }

    @Test func reportJSONIsExactAndParsable() throws {
        let result = check(document(Self.budget))
        let text = JSONWriter.string(CheckReport.json(result))
        let parsed = try JSONParser().parse(text)
        #expect(parsed["status"] == .string("accepted"))
        #expect(parsed["computed"]?["total"]?["penyerapan"] == .string("83.33"))
        #expect(parsed["computed"]?["programs"] == .array([.object([
            JSONMember(key: "code", value: .string("7.01.02")), JSONMember(key: "name", value: .string("P")),
            JSONMember(key: "pagu", value: .string("300")), JSONMember(key: "realisasi", value: .string("250")),
            JSONMember(key: "sisa", value: .string("50")), JSONMember(key: "penyerapan", value: .string("83.33")),
        ])]))
        let rejected = try JSONParser().parse(JSONWriter.string(CheckReport.json(check("[]"))))
        #expect(rejected["status"] == .string("rejected"))
    }
}
