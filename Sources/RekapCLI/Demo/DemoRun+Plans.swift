import Foundation
import RekapDomain
import RekapStore

extension DemoRun {
    /// The seed's plan documents for Dumai Timur, in the order they were signed: the Renstra, the PK murni
    /// (with its attachment of programs) and the PK perubahan.
    static let planFiles = ["14.72.02-renstra-2022-2026.json", "14.72.02-pk-murni-2023.json", "14.72.02-pk-perubahan-2023.json"]

    /// Files the plan documents through the store path `rekap submit` takes (the `format` field decides),
    /// after the reports, and prints the findings across documents they produce, both documents named.
    func submitPlans() async throws {
        heading("rekap submit DemoData/plans/*.json (Dumai Timur's Renstra, PK murni, PK perubahan)")
        let folder = data.appendingPathComponent("plans")
        let store = SubmissionStore(client: client)
        for file in Self.planFiles {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
            switch try await store.submitDocument(bytes: bytes) {
            case .plan(.stored(let revision, _, let findings, _)):
                Console.output("   \(file): \(SubmissionOutput.title(revision)): \(findings.count) finding\(findings.count == 1 ? "" : "s") of its own")
                for finding in findings where finding.severity != .info {
                    Console.output("      \(finding.severity.rawValue) \(finding.rule) at \(finding.pointer): \(finding.message)")
                }
            case .plan(.unchanged(let revision)):
                Console.output("   \(file): unchanged (\(SubmissionOutput.title(revision)))")
            case .plan(.rejected(let problems)), .report(.rejected(let problems), _):
                throw DemoError("the bundled \(file) was rejected: \(problems.map(\.description).joined(separator: "; "))")
            case .report:
                throw DemoError("the bundled \(file) is not a plan document")
            }
        }
        // Each answer names the findings involving that document; after all three, the region's year holds them all.
        let region = RegionCode("14.72.02")!
        let crossFindings = try await PlanStore(client: client).cityPlans(city: Self.city, year: Self.year).findings
            .filter { $0.finding.subject.document.region == region }
        Console.output("   \(crossFindings.count) findings across Dumai Timur's LKjIP 2023, PKs and Renstra:")
        print(SubmissionOutput.crossFindingsText(crossFindings), terminator: "")
    }
}
