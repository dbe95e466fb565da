import EmbeddedPostgres
import Foundation
import PostgresLibPQ
import Testing

// TEMPORARY, submissions branch only: stands in for the `store` branch's fresh-migrated-database
// helper until it lands; then this file is deleted and `withSubmissionStore` uses that helper. It applies
// sql/0001 and sql/0002 directly and loads Kota Dumai's regions with a COPY of the demo CSV.

/// Runs `body` with a fresh database holding the submission schema and Dumai's regions; drops it afterwards.
func withFreshSubmissionsDatabase<T: Sendable>(_ body: (PGConfiguration) async throws -> T) async throws -> T {
    let server = try PGConfiguration(url: try TestPostgres.serverURL())
    let name = "rekap_test_submissions_\(UInt32.random(in: 0...UInt32.max))"
    let admin = try PGConnection(configuration: server)
    defer { admin.close() }
    try admin.execute("CREATE DATABASE \(identifier: name)")
    do {
        let configuration = server.withDatabase(name)
        let conn = try PGConnection(configuration: configuration)
        defer { conn.close() }
        for migration in ["0001_regions.sql", "0002_submissions.sql"] {
            try conn.executeScript(try String(contentsOf: SubmissionFixtures.repository.appendingPathComponent("sql/\(migration)"), encoding: .utf8))
        }
        let regions = try Data(contentsOf: SubmissionFixtures.repository.appendingPathComponent("Sources/RekapCLI/DemoData/dumai.csv"))
        _ = try conn.copyIn("COPY region (code, name, level, parent_code) FROM STDIN (FORMAT csv, HEADER true)") { writer in
            try writer.write(regions)
        }
        let value = try await body(configuration)
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        return value
    } catch {
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        throw error
    }
}
