import Foundation
import Testing
@testable import RekapDomain

/// Plan documents refused, each at its pointer, with nothing decoded.
@Suite struct PlanDocumentRejectionTests {
    let checker = DocumentChecker(submissions: SubmissionChecker(knownRegion: DumaiRegions.known))

    static func renstra(region: String = #""14.72.02""#, from: String = "2022", to: String = "2026",
                        indicators: String = #"[{"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "targets": {"2023": "87", "2026": "91"}}]"#) -> String {
        #"{"format": "rekap.renstra/v1", "region": \#(region), "from": \#(from), "to": \#(to), "indicators": \#(indicators)}"#
    }

    static func pk(region: String = #""14.72.02""#, year: String = "2023", kind: String = #""murni""#, signed: String = #"{"date": "2023-01-16"}"#,
                   indicators: String = #"[{"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "target": "92", "quarters": {"Q4": "92"}}]"#,
                   programs: String = #"[{"code": "7.01.02", "name": "P", "anggaran": "150000000", "lines": [{"code": "L1", "name": "L", "anggaran": "150000000"}]}]"#,
                   total: String = #""150000000""#) -> String {
        #"{"format": "rekap.pk/v1", "region": \#(region), "year": \#(year), "kind": \#(kind), "signed": \#(signed), "indicators": \#(indicators), "programs": \#(programs), "total": \#(total)}"#
    }

    /// (document, pointer, kind): every one must be refused with that problem among its problems.
    static let cases: [(String, String, Problem.Kind)] = [
        // Renstra
        (renstra(to: "2028"), "/to", .notAllowed),                                  // six years
        (renstra(from: "2026", to: "2022"), "/to", .notAllowed),                    // backwards
        (renstra(indicators: #"[{"name": "I", "targets": {"2027": "1"}}]"#), "/indicators/0/targets/2027", .notAllowed),
        (renstra(indicators: #"[{"name": "I", "targets": {"2021": "1"}}]"#), "/indicators/0/targets/2021", .notAllowed),
        (renstra(indicators: #"[{"name": "I", "targets": {"tahun 1": "1"}}]"#), "/indicators/0/targets/tahun 1", .notAllowed),
        (renstra(indicators: #"[{"name": "I", "targets": {"2023": "87,5"}}]"#), "/indicators/0/targets/2023", .invalidNumber),
        (renstra(indicators: #"[{"name": "I", "targets": {"2023": null}}]"#), "/indicators/0/targets/2023", .missing),
        (renstra(indicators: #"[{"code": "IKM", "name": "A"}, {"code": "IKM", "name": "B"}]"#), "/indicators/1/code", .duplicateCode),
        (renstra(indicators: #"[{"code": "IKM"}]"#), "/indicators/0/name", .missing),
        (renstra(indicators: #"[{"name": "I", "polarity": "up"}]"#), "/indicators/0/polarity", .notAllowed),
        (renstra(indicators: #"[{"name": "I", "baseline": {"year": "2021"}}]"#), "/indicators/0/baseline/year", .wrongType),
        (renstra(indicators: #"{"name": "I"}"#), "/indicators", .wrongType),
        (renstra(from: #""2022""#), "/from", .wrongType),
        (#"{"format": "rekap.renstra/v1", "region": "14.72.02", "to": 2026}"#, "/from", .missing),
        (renstra(region: #""14.72""#), "/region", .outOfScope),                     // a kota files no Renstra
        (renstra(region: #""14.72.2""#), "/region", .invalidRegion),
        (renstra(region: #""14.72.09""#), "/region", .unknownRegion),               // not in the registry
        // PK
        (pk(kind: #""tahunan""#), "/kind", .notAllowed),
        (#"{"format": "rekap.pk/v1", "region": "14.72.02", "year": 2023}"#, "/kind", .missing),
        (pk(year: "20230"), "/year", .notAllowed),
        (pk(region: #""14""#), "/region", .outOfScope),
        (pk(programs: #"[{"name": "P", "anggaran": "-150000000"}]"#), "/programs/0/anggaran", .invalidAmount),
        (pk(programs: #"[{"name": "P", "anggaran": "150000000.005"}]"#), "/programs/0/anggaran", .invalidAmount),
        (pk(programs: #"[{"name": "P", "lines": [{"name": "L", "anggaran": "1e3"}]}]"#), "/programs/0/lines/0/anggaran", .invalidAmount),
        (pk(programs: #"[{"code": "7.01.02", "name": "A"}, {"code": "7.01.02", "name": "B"}]"#), "/programs/1/code", .duplicateCode),
        (pk(programs: #"[{"name": "P", "lines": [{"code": "L", "name": "A"}, {"code": "L", "name": "B"}]}]"#), "/programs/0/lines/1/code", .duplicateCode),
        (pk(indicators: #"[{"code": "IKM", "name": "A", "target": "1"}, {"code": "IKM", "name": "B", "target": "2"}]"#), "/indicators/1/code", .duplicateCode),
        (pk(indicators: #"[{"name": "A"}]"#), "/indicators/0/target", .missing),
        (pk(indicators: #"[{"name": "A", "target": true}]"#), "/indicators/0/target", .wrongType),
        (pk(indicators: #"[{"name": "A", "target": "92", "quarters": {"Q5": "92"}}]"#), "/indicators/0/quarters/Q5", .notAllowed),
        (pk(indicators: #"[{"name": "A", "target": "92", "quarters": {"FY": "92"}}]"#), "/indicators/0/quarters/FY", .notAllowed),
        (pk(indicators: #"[{"name": "A", "target": "92", "quarters": {"Q1": [20]}}]"#), "/indicators/0/quarters/Q1", .wrongType),
        (pk(signed: #"{"date": "2023-02-30"}"#), "/signed/date", .invalidDate),
        (pk(signed: #"{"date": "Januari 2023"}"#), "/signed/date", .invalidDate),
        (pk(signed: #""2023-01-16""#), "/signed", .wrongType),
        (pk(signed: #"{"first": {"name": 7}}"#), "/signed/first/name", .wrongType),
        (pk(programs: #"[{"name": "P", "lines": ["L"]}]"#), "/programs/0/lines/0", .wrongType),
        (pk(total: #""-5""#), "/total", .invalidAmount),
        // The dispatcher
        (#"{"format": "rekap.pk/v2", "region": "14.72.02", "year": 2023, "kind": "murni"}"#, "/format", .unknownFormat),
        (#"{"format": "rekap.rencana/v1"}"#, "/format", .unknownFormat),
        (#"{"format": 1, "region": "14.72.02"}"#, "/format", .wrongType),
    ]

    @Test(arguments: cases.indices)
    func refusedAtItsPointer(_ index: Int) {
        let (document, pointer, kind) = Self.cases[index]
        let result = checker.check(Array(document.utf8))
        if case .planAccepted = result { Issue.record("accepted: \(document)") }
        #expect(result.problems.contains { $0.pointer == JSONPointer(pointer) && $0.kind == kind },
                "case \(index): expected \(kind) at \(pointer), got \(result.problems)")
    }

    @Test func atLeastTwentyFiveCases() {
        #expect(Self.cases.count >= 25)
    }

    @Test func theBaseDocumentsAreAccepted() throws {
        for document in [Self.renstra(), Self.pk(), Self.pk(kind: #""perubahan""#, signed: #"{}"#)] {
            let result = checker.check(Array(document.utf8))
            guard case .planAccepted(_, let findings, _) = result else { Issue.record("\(result.problems)"); continue }
            #expect(findings.isEmpty, "\(findings)")
        }
    }

    @Test func anAmountWithTrailingZerosIsTwoDecimals() throws {
        // "1.500" is 1.5: the rupiah rule is about the value, as for reports.
        let result = checker.check(Array(Self.pk(programs: #"[{"name": "P", "anggaran": "150000000.500"}]"#, total: #""150000000.5""#).utf8))
        guard case .planAccepted(.pk(let pk), _, _) = result else { Issue.record("\(result.problems)"); return }
        #expect(pk.programs[0].anggaran?.value == Decimal(string: "150000000.5"))
    }

    @Test func aReportStillGoesToTheSubmissionChecker() {
        let result = checker.check(Array(#"{"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY"}"#.utf8))
        guard case .submission(let check) = result else { Issue.record("not a submission: \(result)"); return }
        #expect(check.isAccepted)
    }
}
