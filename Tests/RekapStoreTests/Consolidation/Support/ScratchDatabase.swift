import EmbeddedPostgres
import Foundation
import PostgresLibPQ

// THROWAWAY until branch `store` lands its Migrator and test database helper: creates a database
// and applies the sql/ files directly, with a stand-in for branch `pbb`'s tables.

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
    for file in ["0001_regions.sql", "0002_submissions.sql"] {
        try connection.executeScript(try String(contentsOf: sqlDirectory.appendingPathComponent(file), encoding: .utf8))
    }
    try connection.executeScript("""
        CREATE TABLE pbb_load (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, loaded_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE pbb_ketetapan (nop text, tahun integer, kelurahan_code text REFERENCES region (code),
                                    pokok numeric(20, 2) NOT NULL, PRIMARY KEY (nop, tahun));
        CREATE TABLE pbb_pembayaran (nop text, tahun integer, tanggal date, pokok numeric(20, 2), denda numeric(20, 2),
                                     seq integer, PRIMARY KEY (nop, tahun, tanggal, seq));
        """)
    try connection.executeScript(try String(contentsOf: sqlDirectory.appendingPathComponent("0004_aggregates.sql"), encoding: .utf8))
    return try body(configuration)
}
