import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapStore

/// The one place that turns an error into a message on stderr and an exit status, so commands
/// don't each repeat it.
enum CommandErrors {
    /// Prints `error` to stderr and returns the exit status it maps to: database unavailable 69,
    /// a wait that ran out 75 (``exitStatus(for:)``), rejected input 65, unreadable file 64,
    /// anything else 1. An `ExitCode` passes through silently (whoever threw it has already said why).
    static func report(_ error: any Error, database: PGConfiguration?) -> ExitCode {
        switch error {
        case let exit as ExitCode:
            return exit
        case let pg as PGError:
            return report(pg, database: database)
        case let unreadable as ByteSourceError:
            Console.error("rekap: cannot read \(unreadable)")
            return ExitStatus.usage
        case let rejected as any RejectedInput:
            Console.error("rekap: " + rejected.description)
            return ExitStatus.rejected
        case let migration as MigrationError:
            // A failed migration may be a lost connection or a timeout underneath.
            if case .failed(_, let pg) = migration, exitStatus(for: pg) != ExitStatus.failure {
                return report(pg, database: database)
            }
            Console.error("rekap: " + migration.description)
            return ExitStatus.failure
        default:
            Console.error("rekap: " + String(describing: error))
            return ExitStatus.failure
        }
    }

    /// The exit status of a database error, decided once for every command (README, "Exit
    /// status"): the database unavailable (no connection, a lost one, SQLSTATE class 08, a server
    /// shutting down 57P01–57P03) 69; a wait that ran out (57014 cancelled or `statement_timeout`,
    /// 55P03 `lock_timeout`, no pooled connection in time) 75; anything else 1.
    static func exitStatus(for error: PGError) -> ExitCode {
        if error.isDatabaseUnavailable { return ExitStatus.unreachable }
        if error.isTimeout { return ExitStatus.timedOut }
        return ExitStatus.failure
    }

    /// Prints what a database error means for the user and returns ``exitStatus(for:)``.
    static func report(_ error: PGError, database: PGConfiguration?) -> ExitCode {
        let status = exitStatus(for: error)
        switch status {
        case ExitStatus.unreachable where error.kind == .connection && error.sqlState == nil:
            Console.error("rekap: " + unreachableMessage(error, database: database))
        case ExitStatus.unreachable:
            Console.error("rekap: the database became unavailable (\(error.sqlState?.rawValue ?? "connection lost"): \(reason(error))); "
                + "nothing uncommitted was stored. Run the command again once the server is back.")
        case ExitStatus.timedOut:
            Console.error("rekap: the database gave up waiting (\(error.sqlState?.rawValue ?? "pool"): \(reason(error))); "
                + "nothing uncommitted was stored. Try again later, or raise statement_timeout / lock_timeout.")
        default:
            Console.error("rekap: the database reported an error: \(error.description)")
        }
        return status
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
