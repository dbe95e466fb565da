import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapStore

/// The one place that turns an error into a message on stderr and an exit status, so commands
/// don't each repeat it.
enum CommandErrors {
    /// Prints `error` to stderr and returns the exit status it maps to: unreachable database 69,
    /// rejected input 65, unreadable file 64, anything else 1. An `ExitCode` passes through silently
    /// (whoever threw it has already said why).
    static func report(_ error: any Error, database: PGConfiguration?) -> ExitCode {
        switch error {
        case let exit as ExitCode:
            return exit
        case let pg as PGError where pg.kind == .connection:
            Console.error("rekap: " + unreachableMessage(pg, database: database))
            return ExitStatus.unreachable
        case let unreadable as ByteSourceError:
            Console.error("rekap: cannot read \(unreadable)")
            return ExitStatus.usage
        case let rejected as any RejectedInput:
            Console.error("rekap: " + rejected.description)
            return ExitStatus.rejected
        case let migration as MigrationError:
            // A failed migration may be a lost connection underneath.
            if case .failed(_, let pg) = migration, pg.kind == .connection {
                Console.error("rekap: " + unreachableMessage(pg, database: database))
                return ExitStatus.unreachable
            }
            Console.error("rekap: " + migration.description)
            return ExitStatus.failure
        case let pg as PGError:
            Console.error("rekap: the database reported an error: \(pg.description)")
            return ExitStatus.failure
        default:
            Console.error("rekap: " + String(describing: error))
            return ExitStatus.failure
        }
    }

    /// "cannot reach PostgreSQL at HOST:PORT: REASON. Start the server, ..." (what to do next).
    static func unreachableMessage(_ error: PGError, database: PGConfiguration?) -> String {
        let place = database.map { "\($0.host):\($0.port)" } ?? "the configured address"
        return "cannot reach PostgreSQL at \(place): \(reason(error)). Start the server, or pass --database URL / set "
            + "DATABASE_URL. `rekap demo` runs on an embedded database."
    }

    /// libpq's message, shortened to its first line and without the repeated address:
    /// `connection to server at "127.0.0.1", port 5432 failed: Connection refused` -> `Connection refused`.
    static func reason(_ error: PGError) -> String {
        let firstLine = error.message.split(whereSeparator: \.isNewline).first.map(String.init) ?? error.message
        if let range = firstLine.range(of: "failed: ", options: .backwards) {
            let rest = firstLine[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { return rest }
        }
        return firstLine.isEmpty ? "the connection failed" : firstLine
    }
}
