import Foundation
import Testing
@testable import RekapDomain

/// The seed's own plan documents (Dumai Timur 2023: Renstra matrix, PK murni with its attachment, PK
/// perubahan) with its LKjIP produce the inconsistencies the issue lists, each naming both documents.
@Suite struct SeedPlanTests {
    let checker = DocumentChecker(submissions: SubmissionChecker(knownRegion: DumaiRegions.known))

    func plan(_ file: String) throws -> (PlanDocument, [Finding]) {
        let result = checker.check(try Fixtures.bytes("plans/\(file)"))
        guard case .planAccepted(let document, let findings, _) = result else {
            Issue.record("\(file) refused: \(result.problems)")
            throw Fixtures.FixtureError.missing(file)
        }
        return (document, findings)
    }

    func documents() throws -> PlanDocuments {
        guard case (.renstra(let renstra), _) = try plan("14.72.02-renstra-2022-2026.json"),
              case (.pk(let murni), _) = try plan("14.72.02-pk-murni-2023.json"),
              case (.pk(let perubahan), _) = try plan("14.72.02-pk-perubahan-2023.json") else {
            throw Fixtures.FixtureError.missing("a plan of the expected kind")
        }
        let report = try #require(checker.submissions.check(try Fixtures.bytes("accepted/dumai-timur-2023.json")).submission)
        return PlanDocuments(report: Filed(report, id: "lkjip"), pkMurni: Filed(murni, id: "pk-murni"),
                             pkPerubahan: Filed(perubahan, id: "pk-perubahan"), renstra: Filed(renstra, id: "renstra"))
    }

    @Test func thePKAttachmentTotalIsThreeMillionAboveItsPrograms() throws {
        let (_, murni) = try plan("14.72.02-pk-murni-2023.json")
        #expect(murni.map(\.rule) == [FindingRule.pkTotalMismatch.rawValue])
        #expect(murni.first?.pointer == "/total")
        #expect(murni.first?.message.contains("difference 3000000") == true, "\(murni)")
        // The amended PK adds up.
        #expect(try plan("14.72.02-pk-perubahan-2023.json").1.isEmpty)
        #expect(try plan("14.72.02-renstra-2022-2026.json").1.isEmpty)
    }

    @Test func theEfficiencyTableDividesByTheIKMValue() throws {
        let findings = checker.submissions.check(try Fixtures.bytes("accepted/dumai-timur-2023.json")).findings
        let penyerapan = findings.filter { $0.rule == FindingRule.penyerapanMismatch.rawValue }
        #expect(penyerapan.map(\.pointer) == ["/indicators/0/reported_penyerapan", "/indicators/1/reported_penyerapan", "/indicators/2/reported_penyerapan"])
        #expect(penyerapan.first?.message.contains("equals this indicator's realisasi 91.72") == true, "\(penyerapan)")
        #expect(penyerapan.first?.message.contains("98.51") == true)
        let efisiensi = findings.filter { $0.rule == FindingRule.efisiensiMismatch.rawValue }
        #expect(efisiensi.map(\.pointer) == ["/indicators/0/reported_efisiensi", "/indicators/1/reported_efisiensi", "/indicators/2/reported_efisiensi"])
        // 1.149 does follow from the office's own 105.42 / 91.72.
        #expect(!findings.contains { $0.rule == FindingRule.efisiensiInconsistent.rawValue })
    }

    @Test func theSeedsInconsistenciesAcrossDocuments() throws {
        let found = CrossDocumentRules().findings(try documents())
        let described = Set(found.map { "\($0.rule) \($0.subject.document.id!)\($0.subject.pointer) ↔ \($0.against.document.id!)\($0.against.pointer)" })
        let expected: Set<String> = [
            // The signed PK sets IKM at 92; the report measures against 87.
            "plan.pk-target-vs-report lkjip/indicators/0/target ↔ pk-murni/indicators/0/target",
            // ... and the Renstra's 2023 target is 87.
            "plan.pk-vs-renstra pk-murni/indicators/0/target ↔ renstra/indicators/1/targets/2023",
            // The Renstra matrix ends at 91; Tabel 3.5 says 88.
            "plan.renstra-end-vs-report lkjip/indicators/0/renstra_target ↔ renstra/indicators/1/targets/2026",
            // The amended PK lists three indicators the report never mentions, and none of the report's.
            "plan.pk-iku-not-in-report pk-perubahan/indicators/0 ↔ lkjip/indicators",
            "plan.pk-iku-not-in-report pk-perubahan/indicators/1 ↔ lkjip/indicators",
            "plan.pk-iku-not-in-report pk-perubahan/indicators/2 ↔ lkjip/indicators",
            "plan.iku-not-in-pk lkjip/indicators/0 ↔ pk-perubahan/indicators",
            "plan.iku-not-in-pk lkjip/indicators/1 ↔ pk-perubahan/indicators",
            "plan.iku-not-in-pk lkjip/indicators/2 ↔ pk-perubahan/indicators",
            // Program amounts against the budget, in both directions: the murni PK 100 juta above pagu_murni,
            // the perubahan PK 100 juta below pagu.
            "plan.pk-vs-budget pk-murni/programs/2/anggaran ↔ lkjip/budget/programs/2/pagu_murni",
            "plan.pk-vs-budget pk-perubahan/programs/1/anggaran ↔ lkjip/budget/programs/2/pagu",
            // Program Penunjang (7.01.01) is in neither PK attachment.
            "plan.program-not-in-pk lkjip/budget/programs/0/pagu_murni ↔ pk-murni/programs",
            "plan.program-not-in-pk lkjip/budget/programs/0/pagu ↔ pk-perubahan/programs",
        ]
        #expect(described == expected, "missing: \(expected.subtracting(described)), extra: \(described.subtracting(expected))")
        #expect(found.count == expected.count)
        let budget = found.filter { $0.rule == CrossDocumentRule.pkVsBudget.rawValue }.map(\.message)
        #expect(budget.contains { $0.contains("higher by 100000000") } && budget.contains { $0.contains("lower by 100000000") }, "\(budget)")
        #expect(found.allSatisfy { $0.subject.document.region.text == "14.72.02" && $0.against.document.region.text == "14.72.02" })
    }

    @Test func theDemoCopiesAreTheFixtures() throws {
        // Sources/RekapCLI/DemoData holds the same bytes for `rekap demo`.
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/RekapCLI/DemoData")
        for file in ["14.72.02-renstra-2022-2026.json", "14.72.02-pk-murni-2023.json", "14.72.02-pk-perubahan-2023.json"] {
            #expect(try Data(contentsOf: demo.appendingPathComponent("plans/\(file)")) == Data(try Fixtures.bytes("plans/\(file)")), "\(file)")
        }
        #expect(try Data(contentsOf: demo.appendingPathComponent("submissions/14.72.02-2023.json")) == Data(try Fixtures.bytes("accepted/dumai-timur-2023.json")))
    }
}
