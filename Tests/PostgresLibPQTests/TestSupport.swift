import EmbeddedPostgres
import Foundation
import Logging
import PostgresLibPQ
import Testing

/// The server the tests run against: `REKAP_TEST_DATABASE_URL` when set, else the throwaway
/// cluster that EmbeddedPostgres starts once for the whole test process.
func testServerURL() async throws -> String {
    try TestPostgres.serverURL()
}

/// A suite trait: the suite runs in its own freshly created database, dropped afterwards,
/// so suites can run in parallel. Tests read it through `TestDatabase.configuration`.
struct FreshDatabaseTrait: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try PGConfiguration(url: try await testServerURL())
        let name = "rekap_test_\(test.name.lowercased().filter { $0.isLetter || $0.isNumber })_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PGConnection(configuration: server)
        try admin.execute("CREATE DATABASE \(identifier: name)")
        defer {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
            admin.close()
        }
        try await TestDatabase.$current.withValue(server.withDatabase(name)) {
            try await function()
        }
    }
}

extension Trait where Self == FreshDatabaseTrait {
    static var freshDatabase: Self { FreshDatabaseTrait() }
}

enum TestDatabase {
    @TaskLocal static var current: PGConfiguration?

    static var configuration: PGConfiguration {
        get throws {
            guard let current else { throw PGError(kind: .usage, message: "suite lacks the .freshDatabase trait") }
            return current
        }
    }

    /// A new synchronous connection to the suite's database.
    static func connect() throws -> PGConnection {
        try PGConnection(configuration: configuration)
    }
}

/// Resident set size of this process in bytes, from /proc/self/statm.
func residentMemory() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Collects log messages, to check that server notices reach swift-log.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    let lock = NSLock()
    var messages: [(Logger.Level, String)] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.withLock { messages.append((event.level, event.message.description)) }
    }

    var captured: [(Logger.Level, String)] { lock.withLock { messages } }
}
