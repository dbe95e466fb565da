import Foundation
import EmbeddedPostgres
import PostgresLibPQ

// TEMPORARY, until branch `store` lands: its RekapTestSupport provides `withScratchDatabase` and its
// Migrator applies the migrations. Deleted on that merge.

/// Runs `body` with a freshly created database on the test server, dropped afterwards.
func withScratchDatabase<T: Sendable>(label: String, _ body: (PGConfiguration) async throws -> T) async throws -> T {
    let server = try PGConfiguration(url: TestPostgres.serverURL())
    let cleaned = String(label.lowercased().filter { ($0.isLetter || $0.isNumber) && $0.isASCII }.prefix(32))
    let name = "rekap_test_\(cleaned)_\(UInt32.random(in: 0...UInt32.max))"
    let admin = try PGConnection(configuration: server)
    defer { admin.close() }
    try admin.execute("CREATE DATABASE \(identifier: name)")
    do {
        let value = try await body(server.withDatabase(name))
        try admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        return value
    } catch {
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        throw error
    }
}

/// Applies the migration files in order, straight from the source tree.
func applyMigrations(on connection: PGConnection) throws {
    let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/RekapStore/Migrations")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
    for file in files {
        try connection.executeScript(String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
    }
}
