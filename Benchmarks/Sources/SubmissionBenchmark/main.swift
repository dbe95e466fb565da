// Validates and stores N submissions of the seed's size through SubmissionStore.submit, one after
// the other, each a new revision (the signer's name carries the number, the year cycles over ten
// years). References measured in the same run on the same documents:
//   - validation alone: SubmissionChecker.check(bytes), no database;
//   - validation + the bare document: check, then one transaction inserting only the submission row
//     (bytes and hash), no facts: the floor for "store it at all".
// Prints one `key=value` line per measurement, for submissions.sh. The database is migrated and the
// regions imported here, with RekapStore's Migrator and RegionImporter.
//
// usage: SubmissionBenchmark <postgresql-url> <seed.json> <regions.csv> <count>
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

let args = CommandLine.arguments
guard args.count == 5, let count = Int(args[4]), count > 0 else {
    FileHandle.standardError.write(Data("usage: SubmissionBenchmark <url> <seed.json> <regions.csv> <count>\n".utf8))
    exit(64)
}

let seed = String(decoding: try Data(contentsOf: URL(fileURLWithPath: args[2])), as: UTF8.self)
/// Document `i`: byte-different from every other, same size class as the seed.
func document(_ i: Int, year base: Int) -> [UInt8] {
    Array(seed.replacingOccurrences(of: "\"by\": \"ZAINUR, SH\"", with: "\"by\": \"ZAINUR, SH (\(i))\"")
        .replacingOccurrences(of: "\"year\": 2023", with: "\"year\": \(base + i % 10)").utf8)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

struct Timing {
    var total: Duration = .zero
    var slowest: Duration = .zero
    var all: [Duration] = []
    mutating func add(_ d: Duration) {
        total += d
        slowest = max(slowest, d)
        all.append(d)
    }
    func line(_ name: String) -> String {
        let sorted = all.sorted()
        let median = sorted[sorted.count / 2]
        return name + String(format: " count=%d seconds=%.3f per_second=%.1f median_ms=%.3f slowest_ms=%.3f",
                             all.count, seconds(total), Double(all.count) / seconds(total), seconds(median) * 1000, seconds(slowest) * 1000)
    }
}

let clock = ContinuousClock()
let client = try PGClient(url: args[1], options: .init(maxConnections: 1))
let store = SubmissionStore(client: client)
let checker = SubmissionChecker()

do {
    try await Migrator().migrate(client)
    _ = try await RegionImporter().importFile(at: args[3], client: client)

    // Warm up (connection, plan caches, first-touch allocations) on years outside the measured ones.
    for i in 0..<20 { _ = try await store.submit(bytes: document(i, year: 1990)) }
    for i in 0..<20 { _ = checker.check(document(i, year: 1990)) }

    // The three measurements take turns on each document number, so a change in the machine's load
    // during the run affects them alike and their ratios stay fair.
    var validation = Timing(), bare = Timing(), submit = Timing()
    var findingsPerSubmission = 0
    for i in 0..<count {
        // Reference 1: validation alone.
        let checked = document(i, year: 2000)
        var start = clock.now
        guard checker.check(checked).isAccepted else { throw PGError(kind: .usage, message: "document \(i) was rejected") }
        validation.add(clock.now - start)

        // Reference 2: validation, then only the submission row (bytes and hash) in a transaction.
        let bytes = document(i, year: 2010)
        start = clock.now
        guard case .accepted(let submission, _, _, _) = checker.check(bytes) else {
            throw PGError(kind: .usage, message: "document \(i) was rejected")
        }
        try await client.withTransaction { conn in
            try conn.execute("""
                INSERT INTO submission (region_code, year, period, revision, format, document, document_sha256, city_code)
                SELECT \(submission.region.text), \(submission.year)::int, \(submission.period.rawValue), \(i + 1), \(submission.format),
                       d, sha256(d), \(submission.region.ancestor(at: .kabupatenKota)?.text)
                FROM (SELECT \(bytes)::bytea AS d) AS raw
                """)
        }
        bare.add(clock.now - start)

        // The real thing: SubmissionStore.submit (registry lookup, check, lock, header, facts, NOTIFY).
        let stored = document(i, year: 2030)
        start = clock.now
        let outcome = try await store.submit(bytes: stored)
        submit.add(clock.now - start)
        guard case .stored(_, let findings, _) = outcome else { throw PGError(kind: .usage, message: "document \(i) was not stored: \(outcome)") }
        findingsPerSubmission = findings.count
    }

    // Throughput with several clients at once (revisions of the same region, year and period wait for
    // each other; commits of different ones can share a WAL flush).
    let workers = 4
    let parallel = PGClient(configuration: client.configuration, options: .init(maxConnections: workers))
    let parallelStore = SubmissionStore(client: parallel)
    let parallelStart = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<workers {
            group.addTask {
                for i in stride(from: worker, to: count, by: workers) {
                    guard case .stored = try await parallelStore.submit(bytes: document(i, year: 2040)) else {
                        throw PGError(kind: .usage, message: "document \(i) was not stored")
                    }
                }
            }
        }
        try await group.waitForAll()
    }
    let parallelSeconds = seconds(clock.now - parallelStart)
    await parallel.close()

    let facts = try await client.query("""
        SELECT (SELECT count(*) FROM budget_line) + (SELECT count(*) FROM submission_indicator) + (SELECT count(*) FROM submission_belanja)
             + (SELECT count(*) FROM submission_award) + (SELECT count(*) FROM submission_pbb) + (SELECT count(*) FROM submission_finding) AS rows,
               (SELECT count(*) FROM submission WHERE year BETWEEN 2030 AND 2039) AS stored,
               (SELECT max(revision) FROM submission WHERE year BETWEEN 2030 AND 2039) AS top
        """)[0]
    let storedCount = try facts.decode(Int.self, column: "stored")
    // (years 2030-2039: the sequential run; 2040-2049 are the parallel one)
    guard storedCount == count else { throw PGError(kind: .usage, message: "stored \(storedCount) of \(count)") }

    print("document_bytes=\(document(0, year: 2030).count) findings_per_submission=\(findingsPerSubmission) fact_rows_in_database=\(try facts.decode(Int.self, column: "rows")) highest_revision=\(try facts.decode(Int.self, column: "top"))")
    print(validation.line("validation"))
    print(bare.line("validation+bare_row"))
    print(submit.line("submit"))
    print(String(format: "submit_%d_clients count=%d seconds=%.3f per_second=%.1f", workers, count, parallelSeconds, Double(count) / parallelSeconds))
    await client.close()
} catch {
    FileHandle.standardError.write(Data("SubmissionBenchmark: \(error)\n".utf8))
    await client.close()
    exit(1)
}
