import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport

/// A real `rekapd --listen 127.0.0.1:0` on a fresh, migrated database holding Kota Dumai's regions
/// (the demo's `dumai.csv`), with one token of each role, and a client that checks every answer
/// against `openapi/rekap.json`.
final class APIServer: @unchecked Sendable {
    let rekapd: ListeningRekapd
    var child: ChildProcess { rekapd.child }
    let configuration: PGConfiguration
    let client: APIClient
    let tokens: Tokens

    /// One secret per role: Bappeda and revenue of Kota Dumai (14.72), Kecamatan Dumai Timur
    /// (14.72.02), its kelurahan 14.72.02.1002, and Bappeda of another city (14.71, Pekanbaru).
    struct Tokens: Sendable {
        let bappeda: String
        let revenue: String
        let kecamatan: String
        let kelurahan: String
        let otherCityBappeda: String
    }

    /// Runs `body` with a started server; stops it afterwards (SIGTERM, which must end it with exit 0)
    /// and drops its database.
    static func with<T: Sendable>(
        label: String = #function, _ extraArguments: [String] = [], _ body: (APIServer) async throws -> T
    ) async throws -> T {
        try await withScratchDatabase(label: "api \(label)") { configuration in
            let tokens = try prepare(configuration)
            return try await ListeningRekapd.run(on: configuration, extraArguments) { rekapd in
                try await body(APIServer(rekapd: rekapd, configuration: configuration, client: APIClient(port: rekapd.port), tokens: tokens))
            }
        }
    }

    /// Migrates, imports Dumai's regions and a second city, and creates the tokens.
    static func prepare(_ configuration: PGConfiguration) throws -> Tokens {
        try migrateTestDatabase(configuration, regions: .dumaiAndPekanbaru)
        let conn = try PGConnection(configuration: configuration)
        defer { conn.close() }
        return Tokens(
            bappeda: try createTestToken(.bappeda, "14.72", on: conn), revenue: try createTestToken(.revenue, "14.72", on: conn),
            kecamatan: try createTestToken(.kecamatan, "14.72.02", on: conn),
            kelurahan: try createTestToken(.kelurahan, "14.72.02.1002", on: conn),
            otherCityBappeda: try createTestToken(.bappeda, "14.71", on: conn))
    }

    /// Starts rekapd and returns once it answers on its port (read from its log).
    static func start(on configuration: PGConfiguration, tokens: Tokens, _ extraArguments: [String] = []) async throws -> APIServer {
        let rekapd = try await ListeningRekapd.start(on: configuration, extraArguments)
        return APIServer(rekapd: rekapd, configuration: configuration, client: APIClient(port: rekapd.port), tokens: tokens)
    }

    private init(rekapd: ListeningRekapd, configuration: PGConfiguration, client: APIClient, tokens: Tokens) {
        self.rekapd = rekapd
        self.configuration = configuration
        self.client = client
        self.tokens = tokens
    }

    /// SIGTERM: rekapd stops gracefully and exits 0.
    func stop() async throws { try await rekapd.stop() }

    /// A new connection to the server's database (as its owner); the caller closes it.
    func connect() throws -> PGConnection { try PGConnection(configuration: configuration) }

    /// Runs the built `rekap` on the server's database, e.g. to compare its output with the API's.
    func rekap(_ arguments: [String]) async throws -> (termination: ChildProcess.Termination, stdout: String, stderr: String) {
        try await run("rekap", arguments + ["--database", databaseURL(configuration)])
    }
}
