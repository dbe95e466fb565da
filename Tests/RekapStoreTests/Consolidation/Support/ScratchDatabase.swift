import EmbeddedPostgres
import Foundation
import PostgresLibPQ

// THROWAWAY until branch `store` lands its Migrator and test database helper: creates a database
// and applies the sql/ files directly.

/// Runs `body` on a fresh database with the schema (dropped afterwards).
func withAggregateDatabase<T>(label: String = #function, _ body: (PGConfiguration) throws -> T) throws -> T {
    let server = try PGConfiguration(url: try TestPostgres.serverURL())
    let name = "rekap_agg_\(label.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(30))_\(UInt32.random(in: 0...UInt32.max))"
    let admin = try PGConnection(configuration: server)
    try admin.execute("CREATE DATABASE \(identifier: name)")
    defer {
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        admin.close()
    }
    let configuration = server.withDatabase(name)
    let connection = try PGConnection(configuration: configuration)
    defer { connection.close() }
    let sqlDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sql")
    let files = try FileManager.default.contentsOfDirectory(atPath: sqlDirectory.path).filter { $0.hasSuffix(".sql") }.sorted()
    for file in files {
        try connection.executeScript(try String(contentsOf: sqlDirectory.appendingPathComponent(file), encoding: .utf8))
    }
    return try body(configuration)
}
