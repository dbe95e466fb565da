import Foundation
import HTTPTypes
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Synchronization
import Testing
@testable import RekapServer

/// The answer cache on its own: an answer is served only to the scope and query it was stored for,
/// and only while the aggregate stamp is the one it was read under.
@Suite(.timeLimit(.minutes(10))) struct AnswerCacheTests {
    static func key(_ role: AccessRole, _ region: String, parameters: [String] = ["false"]) throws -> AnswerCache.Key {
        AnswerCache.Key(route: "penyerapan", scope: try AccessScope(role: role, region: RegionCode(parsing: region)),
                        city: try RegionCode(parsing: "14.72"), year: 2023, parameters: parameters)
    }

    static let answer = AnswerCache.Answer(body: "[]\n", contentType: "application/json; charset=utf-8",
                                           headers: [HTTPField.Name("Rekap-Aggregates")!: "fresh"])
    static let stamp = AggregateStamp(newestSubmission: 7, newestLoad: 2, runs: "2023@1700000000.123456")

    /// Counts the reads a lookup runs, each answering `body`.
    final class Reads: Sendable {
        private let count = Mutex(0)
        var made: Int { count.withLock { $0 } }

        /// Counts one read.
        func record() { count.withLock { $0 += 1 } }

        func reader(_ body: String, keep: Bool = true, pause: Duration = .zero) -> @Sendable () async throws -> AnswerCache.ReadAnswer {
            { [self] in
                record()
                if pause > .zero { try await Task.sleep(for: pause) }
                var answer = AnswerCacheTests.answer
                answer.body = body
                return AnswerCache.ReadAnswer(answer: answer, keep: keep)
            }
        }
    }

    @Test func anAnswerIsServedOnlyForItsScopeQueryAndStamp() async throws {
        let cache = AnswerCache(timeToLive: .seconds(3600))  // never the limit here, however slow the machine
        let reads = Reads()
        let bappeda = try Self.key(.bappeda, "14.72")
        #expect(try await cache.answer(for: bappeda, stamp: Self.stamp, read: reads.reader("first")).answer.body == "first")
        let again = try await cache.answer(for: bappeda, stamp: Self.stamp, read: reads.reader("second"))
        #expect(again.answer.body == "first" && again.source == .stored)
        #expect(reads.made == 1)
        // Another scope, another query: read, though the city and year are the same.
        #expect(try await cache.answer(for: try Self.key(.revenue, "14.72"), stamp: Self.stamp, read: reads.reader("revenue")).answer.body == "revenue")
        #expect(try await cache.answer(for: try Self.key(.bappeda, "14.72", parameters: ["true"]), stamp: Self.stamp, read: reads.reader("lowest")).answer.body == "lowest")
        #expect(reads.made == 3 && cache.count == 3)
        // A submission, a load or a recompute since: read again, and the old entry is gone.
        let later = AggregateStamp(newestSubmission: 8, newestLoad: 2, runs: Self.stamp.runs)
        #expect(try await cache.answer(for: bappeda, stamp: later, read: reads.reader("later")).answer.body == "later")
        #expect(try await cache.answer(for: bappeda, stamp: Self.stamp, read: reads.reader("older again")).answer.body == "older again")
        #expect(reads.made == 5)
    }

    @Test func anAnswerThatTellsOfItsOwnWorkIsNotKept() async throws {
        let cache = AnswerCache(timeToLive: .seconds(3600))  // never the limit here, however slow the machine
        let reads = Reads()
        let key = try Self.key(.bappeda, "14.72")
        #expect(try await cache.answer(for: key, stamp: Self.stamp, read: reads.reader("recomputed", keep: false)).answer.body == "recomputed")
        #expect(try await cache.answer(for: key, stamp: Self.stamp, read: reads.reader("fresh")).answer.body == "fresh")
        #expect(reads.made == 2 && cache.count == 1)
    }

    @Test func anEntryIsServedAtMostItsTimeToLive() async throws {
        let cache = AnswerCache(timeToLive: .milliseconds(50))
        let reads = Reads()
        let key = try Self.key(.bappeda, "14.72")
        _ = try await cache.answer(for: key, stamp: Self.stamp, read: reads.reader("first"))
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await cache.answer(for: key, stamp: Self.stamp, read: reads.reader("again")).answer.body == "again")
        #expect(reads.made == 2)
    }

    @Test func requestsThatMissTogetherShareOneRead() async throws {
        let cache = AnswerCache(timeToLive: .seconds(3600))  // never the limit here, however slow the machine
        let reads = Reads()
        let key = try Self.key(.bappeda, "14.72")
        let later = AggregateStamp(newestSubmission: 8, newestLoad: 2, runs: Self.stamp.runs)
        let served = try await withThrowingTaskGroup(of: (answer: AnswerCache.Answer, source: AnswerCache.Source).self) { group in
            for index in 0..<20 {
                // Half under each stamp: one read per stamp, each answer to its own stamp's requests.
                let stamp = index.isMultiple(of: 2) ? Self.stamp : later
                let body = index.isMultiple(of: 2) ? "under 7" : "under 8"
                group.addTask { try await cache.answer(for: key, stamp: stamp, read: reads.reader(body, pause: .milliseconds(200))) }
            }
            return try await group.reduce(into: [(answer: AnswerCache.Answer, source: AnswerCache.Source)]()) { $0.append($1) }
        }
        let bodies = served.map(\.answer.body)
        #expect(reads.made == 2)
        #expect(served.filter { $0.source == .read }.count == 2 && served.filter { $0.source == .joined }.count == 18)
        #expect(bodies.filter { $0 == "under 7" }.count == 10 && bodies.filter { $0 == "under 8" }.count == 10)
    }

    @Test func aFailedReadIsEveryWaitersErrorAndNothingIsKept() async throws {
        struct ReadFailed: Error {}
        let cache = AnswerCache(timeToLive: .seconds(3600))  // never the limit here, however slow the machine
        let calls = Reads()
        let key = try Self.key(.bappeda, "14.72")
        let failures = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    do {
                        _ = try await cache.answer(for: key, stamp: Self.stamp) {
                            calls.record()
                            try await Task.sleep(for: .milliseconds(200))
                            throw ReadFailed()
                        }
                        return false
                    } catch {
                        return error is ReadFailed
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 5 && calls.made == 1 && cache.count == 0)
        let reads = Reads()
        #expect(try await cache.answer(for: key, stamp: Self.stamp, read: reads.reader("retried")).answer.body == "retried")
    }

    @Test func theStampChangesWithEachSubmissionAndRecompute() async throws {
        try await withScratchDatabase(label: "answercache stamp") { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            _ = try Migrator().migrate(on: conn)
            _ = try RegionImporter().importFile(at: RepositoryFiles.dumaiCSV.path, on: conn)
            let city = try RegionCode(parsing: "14.72")
            let empty = try AggregateStamp.read(city: city, on: conn)
            #expect(empty == AggregateStamp(newestSubmission: nil, newestLoad: nil, runs: nil))
            #expect(try AggregateStamp.read(city: city, on: conn) == empty)
            let client = PGClient(configuration: configuration)
            let stored = try await SubmissionStore(client: client).submit(
                bytes: Array(try Data(contentsOf: RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.02-2023.json"))))
            guard case .stored = stored else { Issue.record("not stored: \(stored)"); return }
            let submitted = try AggregateStamp.read(city: city, on: conn)
            #expect(submitted.newestSubmission != nil && submitted != empty)
            _ = try await ConsolidationQueue(workerID: "test").consolidateAndWait(
                try CityYear(city: city, year: 2023), reason: "test", using: client)
            let computed = try AggregateStamp.read(city: city, on: conn)
            #expect(computed.runs != nil && computed != submitted)
            _ = try await ConsolidationQueue(workerID: "test").consolidateAndWait(
                try CityYear(city: city, year: 2023), reason: "test again", using: client)
            let again = try AggregateStamp.read(city: city, on: conn)
            #expect(again.runs != computed.runs && again.newestSubmission == computed.newestSubmission)

            // Read with a token: its city's stamp, whichever level the token is of; none for a bad token.
            for (role, region) in [(AccessRole.bappeda, "14.72"), (.kecamatan, "14.72.02"), (.kelurahan, "14.72.02.1002")] {
                let (_, secret) = try TokenStore.create(try AccessScope(role: role, region: RegionCode(parsing: region)), label: nil, expiresAt: nil, on: conn)
                let (check, cityStamp) = try TokenStore.checkAndStamp(secret: secret, at: Date(), on: conn)
                guard case .valid = check else { Issue.record("\(region): \(check)"); continue }
                #expect(cityStamp == again, "\(region)")
            }
            let (unknown, none) = try TokenStore.checkAndStamp(secret: "rekap_" + String(repeating: "A", count: 43), at: Date(), on: conn)
            #expect(unknown == .unknown && none == nil)
            await client.close()
        }
    }
}
