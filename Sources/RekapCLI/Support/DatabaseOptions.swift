import ArgumentParser
import Foundation
import Logging
import PostgresLibPQ
import RekapStore

/// `--database URL` (or `DATABASE_URL`), shared by every command that needs the database:
///
/// ```swift
/// @OptionGroup var database: DatabaseOptions
/// func run() async throws {
///     try await database.withClient { client in ... }      // async code, a pool
///     let connection = try database.connect()              // or one blocking connection
/// }
/// ```
///
/// Without either, parsing fails with a usage error (64) saying so. An unreachable database
/// prints what to do and exits 69 (``CommandErrors/unreachableMessage(_:database:)``).
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The PostgreSQL database, as postgresql://user:password@host:port/database (default: $DATABASE_URL).",
            valueName: "URL"))
    var database: String?

    /// The URL from `--database`, else `DATABASE_URL`, else nil.
    var givenURL: String? {
        if let database, !database.isEmpty { return database }
        if let env = ProcessInfo.processInfo.environment["DATABASE_URL"], !env.isEmpty { return env }
        return nil
    }

    func validate() throws {
        guard let url = givenURL else {
            throw ValidationError("no database given: pass --database URL or set DATABASE_URL (`rekap demo` needs neither)")
        }
        do {
            _ = try PGConfiguration(url: url)
        } catch {
            // The URL may hold a password: never echoed.
            throw ValidationError("--database / DATABASE_URL: \(error.message)")
        }
    }

    /// The URL to use; a usage error (64) when there is none.
    func url() throws -> String {
        guard let url = givenURL else {
            Console.error("rekap: no database given: pass --database URL or set DATABASE_URL")
            throw ExitStatus.usage
        }
        return url
    }

    /// The parsed settings; a usage error (64) when the URL is malformed.
    func configuration() throws -> PGConfiguration {
        do {
            return try PGConfiguration(url: url())
        } catch let error as PGError {
            Console.error("rekap: --database / DATABASE_URL: \(error.message)")
            throw ExitStatus.usage
        }
    }

    /// One blocking connection; exits 69 with what to do when the server cannot be reached.
    func connect() throws -> PGConnection {
        let configuration = try configuration()
        do {
            return try PGConnection(configuration: configuration)
        } catch {
            throw CommandErrors.report(error, database: configuration)
        }
    }

    /// Opens a ``PGClient``, checks that the database answers, runs `body`, and closes the client.
    ///
    /// Errors are reported here, once for every command (``CommandErrors``): an unreachable database
    /// prints what to do and exits 69; a rejected input exits 65; anything else exits 1.
    func withClient<T: Sendable>(
        maxConnections: Int = 4, _ body: @Sendable (PGClient) async throws -> T
    ) async throws -> T {
        let configuration = try configuration()
        var logger = Logger(label: "rekap")
        logger.logLevel = .warning
        let client = PGClient(configuration: configuration, options: .init(maxConnections: maxConnections), logger: logger)
        do {
            try await client.withConnection { conn in try ServerAdministration.ping(on: conn) }
            let value = try await body(client)
            await client.close()
            return value
        } catch {
            await client.close()
            throw CommandErrors.report(error, database: configuration)
        }
    }
}
