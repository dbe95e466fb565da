import ArgumentParser
import Foundation
import PostgresLibPQ

/// `--database URL` (or `DATABASE_URL`), shared by every command that needs the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The PostgreSQL URL (default: $DATABASE_URL).", valueName: "URL"))
    var database: String?

    /// The URL to use; a usage error (64) when there is none.
    func url() throws -> String {
        if let database, !database.isEmpty { return database }
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty { return url }
        Console.error("rekap: no database: give --database URL or set DATABASE_URL")
        throw ExitStatus.usage
    }

    /// A connection; exit 69 when the server cannot be reached, 64 when the URL is malformed.
    func connect() throws -> PGConnection {
        let url = try url()
        do {
            return try PGConnection(url: url)
        } catch let error where error.kind == .usage {
            Console.error("rekap: bad database URL: \(error.message)")
            throw ExitStatus.usage
        } catch {
            Console.error("rekap: cannot reach the database: \(error.message)")
            throw ExitStatus.unreachable
        }
    }
}
