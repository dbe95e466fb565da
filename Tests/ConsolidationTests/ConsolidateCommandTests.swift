import Foundation
import PostgresLibPQ
import RekapStore
import RekapTestSupport
import Testing

/// `rekap consolidate`, run as users run it.
@Suite(.timeLimit(.minutes(10))) struct ConsolidateCommandTests {
    @Test func consolidatesWithNoDaemonRunning() async throws {
        try await withConsolidationDatabase { configuration in
            let result = try await run("rekap", ["consolidate", "--city", "14.72", "--year", "2023", "--database", databaseURL(configuration)])
            #expect(result.termination == .exited(0), "\(result.stderr)")
            #expect(result.stdout.hasPrefix("consolidated 14.72 2023 in "), "\(result.stdout)")
            #expect(result.stdout.contains(" s (job "))
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            let jobs = try JobRow.all(on: conn)
            #expect(jobs.count == 1 && jobs[0].status == "done")
            #expect(jobs[0].workerID?.hasPrefix("rekap consolidate@") == true)
            #expect(try RecomputeProbe.count(on: conn) == 1)
        }
    }

    @Test func consolidatesWithADaemonRunning() async throws {
        try await withConsolidationDatabase { configuration in
            let daemon = try await Rekapd.start(on: configuration)
            let result = try await run("rekap", ["consolidate", "--city", "14.72", "--year", "2023", "--database", databaseURL(configuration)])
            #expect(result.termination == .exited(0), "\(result.stderr)")
            #expect(result.stdout.hasPrefix("consolidated 14.72 2023 in "), "\(result.stdout)")
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            #expect(try JobRow.all(on: conn).map(\.status) == ["done"])
            #expect(try await daemon.child.terminate(within: .seconds(30)) == .exited(0))
        }
    }

    @Test func waitsForADaemonRecomputingTheSameCityThenRecomputesAfterIt() async throws {
        try await withConsolidationDatabase { configuration in
            let monitor = try PGConnection(configuration: configuration)
            defer { monitor.close() }
            let daemon = try await Rekapd.start(on: configuration)
            let holder = try PGConnection(configuration: configuration)
            defer { holder.close() }
            try holder.execute("BEGIN")
            try holder.execute("LOCK TABLE agg_run IN ACCESS EXCLUSIVE MODE")
            try monitor.notify(channel: "rekap_submission", payload: RekapdTests.submissionPayload(id: 1))
            try await waitUntil("the daemon to block in its recompute") { try daemon.sessionsWaitingForALock(on: monitor) == 1 }

            // The daemon's recompute may have started before the data this user cares about: the
            // command's request waits for it, then gets a recompute of its own.
            let command = try ChildProcess(
                "rekap", ["consolidate", "--city", "14.72", "--year", "2023", "--database", databaseURL(configuration)])
            try await waitUntil("the command to wait for the daemon's recompute") { try lockWaiters(on: monitor) == 2 }
            try holder.execute("COMMIT")

            #expect(try await command.exit() == .exited(0), "\(command.stderr)")
            #expect(command.stdout.hasPrefix("consolidated 14.72 2023 in "), "\(command.stdout)")
            let jobs = try JobRow.all(on: monitor)
            #expect(jobs.map(\.status) == ["done", "done"], "\(jobs)")
            #expect(jobs.first?.workerID == daemon.name)
            #expect(try RecomputeProbe.count(on: monitor) == 2)
            #expect(try await daemon.child.terminate(within: .seconds(30)) == .exited(0))
        }
    }

    @Test func givesUpAfterTheTimeoutAndLeavesTheJobQueued() async throws {
        try await withConsolidationDatabase { configuration in
            let holder = try PGConnection(configuration: configuration)
            defer { holder.close() }
            try holder.execute("BEGIN")
            try holder.execute("LOCK TABLE agg_run IN ACCESS EXCLUSIVE MODE")
            let result = try await run(
                "rekap", ["consolidate", "--city", "14.72", "--year", "2023", "--timeout", "1", "--database", databaseURL(configuration)])
            try holder.execute("COMMIT")
            #expect(result.termination == .exited(75))
            #expect(result.stderr.contains("was not consolidated within 1 s; the job stays queued"), "\(result.stderr)")
            let jobs = try JobRow.all(on: holder)
            #expect(jobs.count == 1 && jobs[0].status == "pending" && jobs[0].attempts == 0, "\(jobs)")
        }
    }

    @Test func aFailedRecomputeExitsNonZeroAndKeepsThePreviousAggregates() async throws {
        try await withConsolidationDatabase { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            let arguments = ["consolidate", "--city", "14.72", "--year", "2023", "--database", databaseURL(configuration)]
            #expect(try await run("rekap", arguments).termination == .exited(0))
            let previous = try RecomputeProbe.snapshot(dumai2023, on: conn)
            try RecomputeProbe.fail(with: "disk full (simulated)", on: conn)

            let result = try await run("rekap", arguments)
            #expect(result.termination == .exited(1))
            #expect(result.stderr.contains("the previous aggregates stand"), "\(result.stderr)")
            #expect(result.stderr.contains("disk full (simulated)"))
            #expect(try RecomputeProbe.snapshot(dumai2023, on: conn) == previous)
        }
    }

    @Test(arguments: [
        (["--city", "14.71", "--year", "2023"], Int32(64), "14.71 is not in the region registry"),
        (["--city", "14.72.01", "--year", "2023"], 64, "14.72.01 is a kecamatan code, not a kota or kabupaten"),
        (["--city", "14.72", "--year", "99"], 64, "the year 99 is outside 1900...2999"),
    ])
    func refusesWhatItCannotConsolidate(arguments: [String], status: Int32, message: String) async throws {
        try await withConsolidationDatabase { configuration in
            let result = try await run("rekap", ["consolidate"] + arguments + ["--database", databaseURL(configuration)])
            #expect(result.termination == .exited(status))
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }
}
