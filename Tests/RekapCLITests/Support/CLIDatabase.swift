import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// A scratch database migrated through the CLI itself (`rekap db migrate`) and, with `dumai`, holding
/// Kota Dumai's regions imported the same way (`rekap regions import`); `body` gets its URL and a
/// connection to check what the commands stored.
func withCLIDatabase(
    label: String, dumai: Bool, _ body: (_ url: String, _ conn: PGConnection) async throws -> Void
) async throws {
    try await withScratchDatabase(label: label) { configuration in
        let url = databaseURL(configuration)
        let migrate = try await runRekap(["db", "migrate", "--database", url])
        #expect(migrate.status == 0, "\(migrate)")
        if dumai {
            let regions = try await runRekap(["regions", "import", RepositoryFiles.dumaiCSV.path, "--database", url])
            #expect(regions.status == 0, "\(regions)")
        }
        let conn = try PGConnection(configuration: configuration)
        defer { conn.close() }
        try await body(url, conn)
    }
}
