import EmbeddedPostgres
import Foundation
import PostgresLibPQ

/// Creates a database with a unique name on the test server (``TestPostgres/serverURL()``: the
/// shared embedded cluster, or `REKAP_TEST_DATABASE_URL`), runs `body` with its configuration, and
/// drops it afterwards, also when `body` throws.
///
/// Every suite or test gets its own database this way, so they run in parallel without seeing
/// each other's rows.
public func withScratchDatabase<T: Sendable>(
    label: String, _ body: (PGConfiguration) async throws -> T
) async throws -> T {
    let server = try PGConfiguration(url: TestPostgres.serverURL())
    let name = scratchDatabaseName(label: label)
    // Off the cooperative pool (see onOwnThread): a DROP DATABASE can wait for other tests.
    try await onOwnThread { try administer(server) { try $0.execute("CREATE DATABASE \(identifier: name)") } }
    let drop: @Sendable () throws -> Void = {
        try administer(server) { try $0.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)") }
    }
    do {
        let value = try await body(server.withDatabase(name))
        try await onOwnThread(drop)
        return value
    } catch {
        _ = try? await onOwnThread(drop)
        throw error
    }
}

/// Runs `work` on a connection of its own to the server's maintenance database.
private func administer(_ server: PGConfiguration, _ work: (PGConnection) throws -> Void) throws {
    let admin = try PGConnection(configuration: server)
    defer { admin.close() }
    try work(admin)
}

/// `rekap_test_<label letters and digits>_<random>`, within PostgreSQL's 63-byte limit.
func scratchDatabaseName(label: String) -> String {
    let cleaned = String(label.lowercased().filter { ($0.isLetter || $0.isNumber) && $0.isASCII }.prefix(32))
    return "rekap_test_\(cleaned)_\(UInt32.random(in: 0...UInt32.max))"
}
