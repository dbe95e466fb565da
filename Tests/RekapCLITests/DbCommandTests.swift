import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct DbCommandTests {
    @Test func migrateTwiceThenStatus() async throws {
        try await withScratchDatabase(label: "cli_migrate") { configuration in
            let url = databaseURL(configuration)
            let first = try await runRekap(["db", "migrate", "--database", url])
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout.contains("applied 0001_regions.sql"))
            #expect(first.stdout.contains("applied 0002_submissions.sql"))

            let second = try await runRekap(["db", "migrate"], environment: ["DATABASE_URL": url])
            #expect(second.status == 0, "\(second)")
            #expect(!second.stdout.contains("applied 0"))
            #expect(second.stdout.contains("up to date"))

            let status = try await runRekap(["db", "status", "--database", url])
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout.contains("0001_regions.sql"))
            #expect(status.stdout.contains("applied"))
            #expect(!status.stdout.contains("pending  "))
            #expect(status.stdout.contains("up to date"))
        }
    }

    @Test func statusOfAnEmptyDatabaseListsPendingMigrations() async throws {
        try await withScratchDatabase(label: "cli_status") { configuration in
            let run = try await runRekap(["db", "status", "--database", databaseURL(configuration)])
            #expect(run.status == 0, "\(run)")
            let lines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("0") }
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { $0.contains("pending") })
        }
    }

    @Test func unreachableDatabaseExits69WithAdvice() async throws {
        let port = try closedLocalPort()
        let run = try await runRekap(["db", "migrate", "--database", "postgresql://postgres@127.0.0.1:\(port)/rekap"])
        #expect(run.status == 69, "\(run)")
        #expect(run.stderr.contains("cannot reach PostgreSQL at 127.0.0.1:\(port)"))
        #expect(run.stderr.contains("pass --database URL / set DATABASE_URL"))
        #expect(run.stderr.contains("rekap demo"))
        #expect(run.stdout.isEmpty)
    }

    @Test func noDatabaseIsAUsageError() async throws {
        let run = try await runRekap(["db", "status"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--database URL"))
        #expect(run.stderr.contains("DATABASE_URL"))
    }
}
