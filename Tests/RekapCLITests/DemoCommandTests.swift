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
    }
}
