import Foundation
import Testing

@Suite(.timeLimit(.minutes(15))) struct DemoCommandTests {
    @Test func demoRunsOnItsOwnDatabaseAndPrintsDumai() async throws {
        // No --database and no DATABASE_URL: the demo brings its own server.
        let run = try await runRekap(["demo"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("applied 0001_regions.sql"))
        #expect(run.stdout.contains("Kepmendagri No. 300.2.2-2430 Tahun 2025"))
        #expect(run.stdout.contains("14.72  Kota Dumai (kota)\n  14.72.01  Dumai Barat (kecamatan)\n    14.72.01.1003  Pangkalan Sesai (kelurahan)\n"))
        #expect(run.stdout.contains("7 kecamatan, 36 kelurahan"))
        // The seed's plan documents for Dumai Timur and the findings across documents they produce, both named.
        #expect(run.stdout.contains("rekap submit DemoData/plans/*.json"))
        #expect(run.stdout.contains("14.72.02-pk-perubahan-2023.json: PK perubahan 2023 14.72.02 revision 1"))
        #expect(run.stdout.contains("13 findings across Dumai Timur's LKjIP 2023, PKs and Renstra"))
        let target = try #require(run.stdout.range(of: "warning plan.pk-target-vs-report"))
        let finding = run.stdout[target.lowerBound...].prefix(400)
        #expect(finding.contains("LKjIP 2023 14.72.02 (id"), "\(finding)")
        #expect(finding.contains("PK murni 2023 14.72.02 (id"), "\(finding)")
        #expect(run.stdout.contains("warning plan.renstra-end-vs-report"))
        #expect(run.stdout.contains("Renstra 2022–2026 14.72.02 (id"))
        #expect(run.stdout.contains("warning plan.pk-vs-budget"))
    }
}
