import Foundation
import HTTPTypes
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing
@testable import RekapServer

/// The answer cache on its own: an answer is served only to the scope and query it was stored for,
/// and only while the aggregate stamp is the one it was read under.
@Suite struct AnswerCacheTests {
    static func key(_ role: AccessRole, _ region: String, parameters: [String] = ["false"]) throws -> AnswerCache.Key {
        AnswerCache.Key(route: "penyerapan", scope: try AccessScope(role: role, region: RegionCode(parsing: region)),
                        city: try RegionCode(parsing: "14.72"), year: 2023, parameters: parameters)
    }

    @Test func anAnswerIsServedOnlyForItsScopeQueryAndStamp() throws {
        let cache = AnswerCache()
        let stamp = AggregateStamp(newestSubmission: 7, newestLoad: 2, computedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let answer = AnswerCache.Answer(body: "[]\n", contentType: "application/json; charset=utf-8",
                                        headers: [HTTPField.Name("Rekap-Aggregates")!: "fresh"])
        let bappeda = try Self.key(.bappeda, "14.72")
        cache.store(answer, for: bappeda, stamp: stamp)
        #expect(cache.answer(for: bappeda, stamp: stamp)?.body == "[]\n")
        // Another scope, another query: nothing, though the city and year are the same.
        #expect(cache.answer(for: try Self.key(.revenue, "14.72"), stamp: stamp) == nil)
        #expect(cache.answer(for: try Self.key(.bappeda, "14.72", parameters: ["true"]), stamp: stamp) == nil)
        // A submission, a load or a recompute since: dropped, not served.
        let later = AggregateStamp(newestSubmission: 8, newestLoad: 2, computedAt: stamp.computedAt)
        #expect(cache.answer(for: bappeda, stamp: later) == nil)
        #expect(cache.answer(for: bappeda, stamp: stamp) == nil)
        #expect(cache.count == 0)
    }

    @Test func theStampChangesWithEachSubmissionAndRecompute() async throws {
        try await withScratchDatabase(label: "answercache stamp") { configuration in
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            _ = try Migrator().migrate(on: conn)
            _ = try RegionImporter().importFile(at: RepositoryFiles.dumaiCSV.path, on: conn)
            let city = try RegionCode(parsing: "14.72")
            let empty = try AggregateStamp.read(city: city, year: 2023, on: conn)
            #expect(empty == AggregateStamp(newestSubmission: nil, newestLoad: nil, computedAt: nil))
            #expect(try AggregateStamp.read(city: city, year: 2023, on: conn) == empty)
            let client = PGClient(configuration: configuration)
            let stored = try await SubmissionStore(client: client).submit(
                bytes: Array(try Data(contentsOf: RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.02-2023.json"))))
            guard case .stored = stored else { Issue.record("not stored: \(stored)"); return }
            let submitted = try AggregateStamp.read(city: city, year: 2023, on: conn)
            #expect(submitted.newestSubmission != nil && submitted != empty)
            _ = try await ConsolidationQueue(workerID: "test").consolidateAndWait(
                try CityYear(city: city, year: 2023), reason: "test", using: client)
            let computed = try AggregateStamp.read(city: city, year: 2023, on: conn)
            #expect(computed.computedAt != nil && computed != submitted)
            await client.close()
        }
    }
}
