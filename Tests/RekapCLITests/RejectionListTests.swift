import Foundation
import Testing

/// `rekap validate` prints the capped list of a rejection (the first 100 problems, then one that
/// counts the rest) and says how many problems there are in all.
@Suite struct RejectionListTests {
    @Test(.timeLimit(.minutes(5)))
    func validateListsTheFirstProblemsAndCountsTheRest() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-rejection-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let items = Array(repeating: "1", count: 400).joined(separator: ",")
        try #"{"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "FY", "indicators": [\#(items)]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)

        let table = try await runRekap(["validate", path])
        #expect(table.status == 65, "\(table)")
        #expect(table.stderr.contains("is rejected: 400 problems"), "\(table)")
        #expect(table.stdout.contains("/indicators/99") && !table.stdout.contains("/indicators/100 "), "\(table)")
        #expect(table.stdout.contains("more-problems") && table.stdout.contains("dan 300 masalah lain"), "\(table)")

        let json = try await runRekap(["validate", path, "--format", "json"])
        #expect(json.status == 65)
        #expect(json.stdout.components(separatedBy: "\"pointer\"").count - 1 == 101, "\(json.stdout.prefix(300))")
    }
}
