import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// `rekap validate`, `rekap submit` and `rekap submissions list/show` with plan documents, through the
/// built binary: the `format` decides, and each finding across documents names both documents.
@Suite(.timeLimit(.minutes(10))) struct PlanCommandTests {
    static func fixture(_ relative: String) -> String { RepositoryFiles.url("Tests/RekapDomainTests/Fixtures/\(relative)").path }
    static let seed = fixture("accepted/dumai-timur-2023.json")
    static let pkMurni = fixture("plans/14.72.02-pk-murni-2023.json")
    static let renstra = fixture("plans/14.72.02-renstra-2022-2026.json")

    @Test func validateTakesEveryFormat() async throws {
        let pk = try await runRekap(["validate", Self.pkMurni])
        #expect(pk.status == 0, "\(pk)")
        #expect(pk.stdout.hasPrefix("ACCEPTED PK murni 2023 14.72.02\n"), "\(pk)")
        #expect(pk.stdout.contains("pk.total-mismatch") && pk.stdout.contains("/total"))
        let renstra = try await runRekap(["validate", Self.renstra, "--format", "json"])
        #expect(renstra.status == 0, "\(renstra)")
        #expect(renstra.stdout.contains(#""kind":"renstra""#) || renstra.stdout.contains(#""kind": "renstra""#), "\(renstra)")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.json")
        try #"{"format": "rekap.renstra/v1", "region": "14.72.02", "from": 2022, "to": 2028}"#.write(to: bad, atomically: true, encoding: .utf8)
        let refused = try await runRekap(["validate", bad.path])
        #expect(refused.status == 65)
        #expect(refused.stdout.hasPrefix("REJECTED\n") && refused.stdout.contains("/to"), "\(refused)")
    }

    @Test func submitAndShowNameBothDocumentsOfEachCrossFinding() async throws {
        try await withCLIDatabase(label: #function, dumai: true) { url, _ in
            let report = try await runRekap(["submit", Self.seed, "--database", url])
            #expect(report.status == 0, "\(report)")
            // Without plan documents a report's output is what it always was.
            #expect(!report.stdout.contains("cross-document findings"))
            let reportID = try #require(report.stdout.split(separator: "\n").first?.split(separator: "(id ").last?.dropLast().description)

            let pk = try await runRekap(["submit", Self.pkMurni, "--database", url])
            #expect(pk.status == 0, "\(pk)")
            #expect(pk.stdout.hasPrefix("STORED PK murni 2023 14.72.02 revision 1 (id "), "\(pk)")
            let pkID = try #require(pk.stdout.split(separator: "\n").first?.split(separator: "(id ").last?.dropLast().description)
            #expect(pk.stdout.contains("cross-document findings:"))
            #expect(pk.stdout.contains("in:      LKjIP 2023 14.72.02 (id \(reportID), revision 1) /indicators/0/target"), "\(pk.stdout)")
            #expect(pk.stdout.contains("against: PK murni 2023 14.72.02 (id \(pkID), revision 1) /indicators/0/target"), "\(pk.stdout)")

            // The report, shown again, now carries the PK's findings without a new revision.
            let shown = try await runRekap(["submissions", "show", reportID, "--database", url])
            #expect(shown.stdout.hasPrefix("SUBMISSION 14.72.02 2023 FY revision 1"), "\(shown)")
            #expect(shown.stdout.contains("plan.pk-target-vs-report") && shown.stdout.contains("PK murni 2023 14.72.02 (id \(pkID), revision 1)"))
            let plan = try await runRekap(["submissions", "show", pkID, "--database", url])
            #expect(plan.status == 0 && plan.stdout.hasPrefix("PLAN PK murni 2023 14.72.02 revision 1 (id \(pkID))"), "\(plan)")
            let original = try await runRekap(["submissions", "show", pkID, "--document", "--database", url])
            #expect(original.stdout == (try String(contentsOfFile: Self.pkMurni, encoding: .utf8)))
            let list = try await runRekap(["submissions", "list", "--region", "14.72.02", "--database", url])
            #expect(list.stdout.contains("PK murni 2023"), "\(list)")
        }
    }
}
