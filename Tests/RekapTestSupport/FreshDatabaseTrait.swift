import Foundation
import PostgresLibPQ
import Testing

/// A trait that runs a suite (or a single test) in its own freshly created database, dropped
/// afterwards, so suites run in parallel. Tests reach it through ``TestDatabase``.
///
/// ```swift
/// @Suite(.freshDatabase) struct CopyTests { ... TestDatabase.connect() ... }
/// @Suite(.freshDatabase(prepare: { config in try await migrate(config) })) struct StoreTests { ... }
/// ```
public struct FreshDatabaseTrait: SuiteTrait, TestTrait, TestScoping {
    let prepare: @Sendable (PGConfiguration) async throws -> Void

    public init(prepare: @escaping @Sendable (PGConfiguration) async throws -> Void = { _ in }) {
        self.prepare = prepare
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withScratchDatabase(label: test.name) { configuration in
            try await prepare(configuration)
            try await TestDatabase.$current.withValue(configuration) {
                try await function()
            }
        }
    }
}

extension Trait where Self == FreshDatabaseTrait {
    /// A fresh, empty database for the suite or test.
    public static var freshDatabase: Self { FreshDatabaseTrait() }

    /// A fresh database, set up by `prepare` (e.g. migrated) before the suite or test runs.
    public static func freshDatabase(prepare: @escaping @Sendable (PGConfiguration) async throws -> Void) -> Self {
        FreshDatabaseTrait(prepare: prepare)
    }
}

/// The database of the running suite or test (see ``FreshDatabaseTrait``).
public enum TestDatabase {
    @TaskLocal public static var current: PGConfiguration?

    /// The current database's settings; throws when the suite lacks a `.freshDatabase` trait.
    public static var configuration: PGConfiguration {
        get throws {
            guard let current else { throw PGError(kind: .usage, message: "the suite lacks the .freshDatabase trait") }
            return current
        }
    }

    /// A URL of the current database, e.g. for `rekap --database`.
    public static var url: String {
        get throws { databaseURL(try configuration) }
    }

    /// A new synchronous connection to the current database; the caller closes it.
    public static func connect() throws -> PGConnection {
        try PGConnection(configuration: configuration)
    }

    /// Runs `body` with a client pool on the current database, closing it afterwards.
    public static func withClient<T: Sendable>(
        maxConnections: Int = 4, _ body: (PGClient) async throws -> T
    ) async throws -> T {
        try await RekapTestSupport.withClient(on: try configuration, maxConnections: maxConnections, body)
    }
}

/// `postgresql://user:password@host:port/database?key=value`, percent-encoded; the inverse of
/// `PGConfiguration(url:)` for what tests use.
public func databaseURL(_ c: PGConfiguration) -> String {
    func encoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
    var url = "postgresql://"
    if let user = c.user {
        url += encoded(user) + (c.password.map { ":" + encoded($0) } ?? "") + "@"
    }
    url += (c.host.contains(":") ? "[\(c.host)]" : c.host) + ":\(c.port)/" + encoded(c.database ?? "postgres")
    let query = c.extraParameters.sorted { $0.key < $1.key }.map { "\(encoded($0.key))=\(encoded($0.value))" }
    return query.isEmpty ? url : url + "?" + query.joined(separator: "&")
}
