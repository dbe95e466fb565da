import EmbeddedPostgres
import Foundation
import PostgresLibPQ
import Testing

// Throwaway: stands in for the `store` branch's Migrator and TestDatabase until they land; then
// these tests use those and this file goes.

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// A suite trait: every test (and every case of a parameterised test) gets a fresh database with
/// every migration applied and Dumai's regions imported, so tests run in parallel.
struct PBBDatabaseTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard !test.isSuite, testCase != nil else { return try await function() }
        let server = try PGConfiguration(url: try TestPostgres.serverURL())
        // Short enough for PostgreSQL's 63 bytes, so cases of one test never share a name.
        let name = "rekap_test_\(test.name.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(30))_\(UInt64.random(in: 0...UInt64.max))"
        let admin = try PGConnection(configuration: server)
        try admin.execute("CREATE DATABASE \(identifier: name)")
        defer {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
            admin.close()
        }
        let configuration = server.withDatabase(name)
        let conn = try PGConnection(configuration: configuration)
        defer { conn.close() }
        let migrations = packageRoot.appendingPathComponent("Sources/RekapStore/Migrations")
        for file in try FileManager.default.contentsOfDirectory(atPath: migrations.path).filter({ $0.hasSuffix(".sql") }).sorted() {
            try conn.executeScript(try String(contentsOf: migrations.appendingPathComponent(file), encoding: .utf8))
        }
        let regions = try Data(contentsOf: packageRoot.appendingPathComponent("Sources/RekapCLI/DemoData/dumai.csv"))
        try conn.copyIn("COPY region (code, name, level, parent_code) FROM STDIN (FORMAT csv, HEADER)") { try $0.write(regions) }
        try await PBBDatabase.$current.withValue(configuration) {
            try await function()
        }
    }
}

extension Trait where Self == PBBDatabaseTrait {
    static var pbbDatabase: Self { PBBDatabaseTrait() }
}

enum PBBDatabase {
    @TaskLocal static var current: PGConfiguration?

    static var configuration: PGConfiguration {
        get throws {
            guard let current else { throw PGError(kind: .usage, message: "suite lacks the .pbbDatabase trait") }
            return current
        }
    }

    static func connect() throws -> PGConnection {
        try PGConnection(configuration: configuration)
    }
}
