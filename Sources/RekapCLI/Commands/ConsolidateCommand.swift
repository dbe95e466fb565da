import ArgumentParser
import Foundation
import Logging
import PostgresLibPQ
import RekapDomain
import RekapStore

/// `rekap consolidate --city CODE --year Y [--timeout SECONDS]`: recomputes the city's aggregates now
/// and waits until done, with or without a `rekapd` running.
///
/// The request goes through the consolidation queue, so it never races a daemon: this command does
/// the work itself unless a daemon already holds the job, and then waits for that daemon.
/// Exit 0 when done (the duration on stdout), 64 for a city that is not a kota or kabupaten in the
/// registry, 69 when the database cannot be reached, 75 when not done within --timeout (the job stays
/// queued for a daemon), 1 when the recompute failed (the previous aggregates stand).
struct ConsolidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate",
        abstract: "Recomputes the city's aggregates now and waits until done.",
        discussion: """
            Works with or without rekapd running: the request is queued, and this command recomputes it \
            itself unless a daemon is already at it, in which case it waits for the daemon.
            """
    )

    @OptionGroup var target: CityYearOptions

    @Option(help: ArgumentHelp("Give up waiting after this long; the job stays queued.", valueName: "SECONDS"))
    var timeout: Int = 300

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard timeout >= 1 else { throw ValidationError("--timeout must be 1 second or more") }
    }

    func run() async throws {
        let target = try self.target.cityYear()
        let limit = Duration.seconds(timeout)
        var logger = Logger(label: "rekap.consolidate")
        logger.logLevel = .error  // failures are reported below, once
        let host = ProcessInfo.processInfo.hostName, pid = ProcessInfo.processInfo.processIdentifier
        let queue = ConsolidationQueue(workerID: "rekap consolidate@\(host):\(pid)", logger: logger)
        let clock = ContinuousClock()
        let start = clock.now

        let done = try await database.withClient(maxConnections: 2) { client -> WaitedConsolidation? in
            do {
                return try await Self.within(limit) {
                    try await queue.consolidateAndWait(target, reason: "rekap consolidate", using: client)
                }
            } catch let error as PGError where error.sqlState == .foreignKeyViolation {
                Console.error("rekap: \(target.city) is not in the region registry (load it with `rekap regions import`)")
                throw ExitStatus.usage
            } catch let failure as ConsolidationJobFailed {
                Console.error("rekap: the recompute of \(target) failed; the previous aggregates stand: \(failure.message)")
                throw ExitStatus.failure
            } catch let failure as ConsolidationGaveUp {
                Console.error("rekap: \(failure); the previous aggregates stand")
                throw ExitStatus.failure
            }
        }
        guard let done else {
            Console.error(
                "rekap: \(target) was not consolidated within \(timeout) s; the job stays queued and a running rekapd will do it")
            throw ExitStatus.timedOut
        }
        let by = done.ranHere ? "" : ", by \(done.workerID ?? "another worker")"
        Console.output("consolidated \(target.city) \(target.year) in \(Self.seconds(clock.now - start)) s (job \(done.jobID)\(by))")
    }

    /// `body`'s result, or nil when it did not finish within `limit` (it is then cancelled).
    static func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// Seconds with two decimals, e.g. "0.42".
    static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        let hundredths = attoseconds / 10_000_000_000_000_000
        return "\(whole).\(hundredths < 10 ? "0" : "")\(hundredths)"
    }
}
