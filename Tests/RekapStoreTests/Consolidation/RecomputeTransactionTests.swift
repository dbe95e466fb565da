import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

@Suite("Recompute atomicity and staleness")
struct RecomputeTransactionTests {
    /// Every aggregate row of the database, as text, to compare states.
    static func snapshot(_ connection: PGConnection) throws -> [String] {
        var lines: [String] = []
        for table in ["agg_run", "agg_pbb_region", "agg_pbb_daily", "agg_iku", "agg_iku_kecamatan", "agg_iku_city",
                      "agg_iku_predikat", "agg_budget", "agg_budget_total", "agg_budget_belanja", "agg_awards", "agg_completeness"] {
            lines += try connection.query("SELECT t::text FROM \(identifier: table) t ORDER BY 1")
                .map { "\(table) \(try $0.decode(String.self, at: 0))" }
        }
        return lines
    }

    /// A kecamatan with two kelurahan (one with a feed), a budget, an indicator and an award.
    static func seed(_ fixture: AggregateFixture) throws {
        for code in ["14.72.01.1001", "14.72.01.1002"] { try fixture.region(code) }
        try fixture.load()
        try fixture.ketetapan(nop: "147201100100000001", kelurahan: "14.72.01.1001", pokok: 1000)
        try fixture.payment(nop: "147201100100000001", on: "2023-03-01", pokok: 400)
        let report = try fixture.submission("14.72.01", totalPagu: 1000, totalRealisasi: 500)
        try fixture.indicator(report, code: "IKM", target: 100, realisasi: 80)
        try fixture.pbb(report, kelurahan: "14.72.01.1002", ketetapan: 2000, realisasi: 500, asOf: "2023-06-30")
        let program = try fixture.program(report, code: "7.01.02", name: "Program Pelayanan", pagu: 1000, realisasi: 500)
        let kegiatan = try fixture.line(report, parent: program, level: "kegiatan", code: nil, name: "Kegiatan", pagu: nil, realisasi: nil)
        try fixture.line(report, parent: kegiatan, level: "sub_kegiatan", code: nil, name: "Sub", pagu: 1000, realisasi: 500, belanja: "operasi")
        try fixture.award(report, region: "14.72.01.1001", title: "Lomba", place: 1)
    }

    @Test("a recompute rolled back with its transaction leaves the previous aggregates intact")
    func rollbackKeepsPrevious() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            try Self.seed(fixture)
            try fixture.recompute()
            let before = try Self.snapshot(connection)
            // Every table has rows for the city.
            #expect(Set(before.map { $0.prefix { $0 != " " } }).count == 12)

            let revised = try fixture.submission("14.72.01", totalPagu: 1000, totalRealisasi: 900)
            try fixture.indicator(revised, code: "IKM", target: 100, realisasi: 99)
            struct Abandon: Error {}
            #expect(throws: Abandon.self) {
                try connection.transaction { connection in
                    try Consolidator.recompute(city: fixture.city, year: 2023, on: connection)
                    // Inside, the new figures are there…
                    #expect(try Self.snapshot(connection) != before)
                    throw Abandon()
                }
            }
            // …and after the rollback, the old ones are, whole.
            #expect(try Self.snapshot(connection) == before)
            guard case .stale(let reason) = try Staleness.check(city: fixture.city, year: 2023, on: connection) else {
                Issue.record("the aggregates should be stale after a rolled-back recompute")
                return
            }
            #expect(reason.newSubmissions == 1)
        }
    }

    @Test("a reader during repeated recomputes sees the old or the new figures, never a mix")
    func concurrentReader() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            try Self.seed(fixture)
            try fixture.recompute()

            // Two states alternate: revision k of the kecamatan's report carries state k % 2. In state s
            // kelurahan 1002 reports realisasi R[s] and the budget realisasi is B[s]; a reader must see a
            // matching pair, all rows present, and a kota PBB row equal to the sum of its kelurahan.
            let pbb: [Decimal] = [500, 1500], budget: [Decimal] = [500, 700]
            let rounds = 25
            let done = Locked(false)
            let writerError = Locked<String?>(nil)
            let writer = Thread {
                defer { done.withLock { $0 = true } }
                do {
                    let connection = try PGConnection(configuration: configuration)
                    defer { connection.close() }
                    let fixture = try AggregateFixture(connection: connection)
                    for round in 1...rounds {
                        let state = round % 2
                        try connection.transaction { connection in
                            let report = try fixture.submission("14.72.01", totalPagu: 1000, totalRealisasi: budget[state])
                            try fixture.indicator(report, code: "IKM", target: 100, realisasi: 80)
                            try fixture.pbb(report, kelurahan: "14.72.01.1002", ketetapan: 2000, realisasi: pbb[state], asOf: "2023-06-30")
                            try Consolidator.recompute(city: fixture.city, year: 2023, on: connection)
                        }
                    }
                } catch {
                    writerError.withLock { $0 = "\(error)" }
                }
            }
            writer.start()

            var reads = 0, seen: Set<Int> = []
            let rowsPerState = try connection.queryValue(Int.self, "SELECT count(*) FROM agg_pbb_region")!
            while !done.withLock({ $0 }) || reads < 5 {
                let row = try connection.query("""
                    SELECT (SELECT realisasi FROM agg_pbb_region WHERE region_code = '14.72.01.1002') AS kelurahan,
                           (SELECT realisasi FROM agg_pbb_region WHERE region_code = '14.72') AS kota,
                           (SELECT realisasi FROM agg_budget_total WHERE region_code = '14.72.01') AS budget,
                           (SELECT count(*) FROM agg_pbb_region) AS regions,
                           (SELECT count(*) FROM agg_iku) AS indicators
                    """)[0]
                let kelurahan = try row.decode(Decimal.self, column: "kelurahan")
                guard let state = pbb.firstIndex(of: kelurahan) else {
                    Issue.record("unexpected kelurahan realisasi \(kelurahan)")
                    break
                }
                seen.insert(state)
                #expect(try row.decode(Decimal.self, column: "budget") == budget[state], "torn read in state \(state)")
                #expect(try row.decode(Decimal.self, column: "kota") == 400 + pbb[state])
                #expect(try row.decode(Int.self, column: "regions") == rowsPerState)
                #expect(try row.decode(Int.self, column: "indicators") == 1)
                // The public ranking reads one snapshot too.
                let board = try Rankings.pbb(city: fixture.city, year: 2023, level: .kelurahan, on: connection)
                #expect(board.rows.count == 2)
                #expect(Set(board.rows.compactMap(\.numerator)).isSubset(of: [400, 500, 1500]))
                reads += 1
            }
            #expect(writerError.withLock { $0 } == nil)
            #expect(reads >= 5)
            // The final state is the last round's.
            #expect(try connection.queryValue(Decimal.self, "SELECT realisasi FROM agg_pbb_region WHERE region_code = '14.72.01.1002'")
                    == pbb[rounds % 2])
        }
    }

    @Test("staleness: never computed, fresh, stale after a submission, a load or a setting; the feed is reused only while no load came")
    func staleness() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            try Self.seed(fixture)
            #expect(try Staleness.check(city: fixture.city, year: 2023, on: connection) == .neverComputed)
            try fixture.recompute()
            guard case .fresh = try Staleness.check(city: fixture.city, year: 2023, on: connection) else {
                Issue.record("fresh after a recompute"); return
            }
            // Another year's submission does not make 2023 stale.
            _ = try fixture.submission("14.72.01", year: 2022)
            guard case .fresh = try Staleness.check(city: fixture.city, year: 2023, on: connection) else {
                Issue.record("another year's submission made 2023 stale"); return
            }

            let feedVersion = "SELECT xmin::text FROM agg_pbb_region WHERE region_code = '14.72.01.1001'"
            let feedBefore = try connection.queryValue(String.self, PGQuery(unsafeSQL: feedVersion))
            _ = try fixture.submission("14.72.01.1002", period: "Q1")
            guard case .stale(let reason) = try Staleness.check(city: fixture.city, year: 2023, on: connection) else {
                Issue.record("stale after a submission"); return
            }
            #expect(reason.newSubmissions == 1 && reason.newLoads == 0 && !reason.settingsChanged)
            #expect(reason.description.hasPrefix("1 submission (the newest at "))
            #expect(reason.description.contains(" since the aggregates were computed at "))
            try fixture.recompute()
            // No load since: the feed kelurahan's row was kept as it was.
            #expect(try connection.queryValue(String.self, PGQuery(unsafeSQL: feedVersion)) == feedBefore)

            // A new load: stale, and the recompute reads the feed again.
            try fixture.load()
            try fixture.payment(nop: "147201100100000001", on: "2023-04-01", pokok: 600)
            guard case .stale(let afterLoad) = try Staleness.check(city: fixture.city, year: 2023, on: connection) else {
                Issue.record("stale after a load"); return
            }
            #expect(afterLoad.newLoads == 1 && afterLoad.newSubmissions == 0)
            try fixture.recompute()
            #expect(try connection.queryValue(Decimal.self, "SELECT realisasi FROM agg_pbb_region WHERE region_code = '14.72.01.1001'") == 1000)
            #expect(try connection.queryValue(String.self, "SELECT lunas_date::text FROM agg_pbb_region WHERE region_code = '14.72.01.1001'") == "2023-04-01")

            // A setting.
            try ConsolidationSettings.setCapaianCap(100, city: fixture.city, on: connection)
            guard case .stale(let afterSetting) = try Staleness.check(city: fixture.city, year: 2023, on: connection) else {
                Issue.record("stale after a setting"); return
            }
            #expect(afterSetting.settingsChanged)
            try fixture.recompute()
            guard case .fresh = try Staleness.check(city: fixture.city, year: 2023, on: connection) else {
                Issue.record("fresh after recomputing"); return
            }
        }
    }

    @Test("recompute refuses to run outside a transaction, and a code that is not a known kota")
    func refusals() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            #expect(throws: PGError.self) { try Consolidator.recompute(city: fixture.city, year: 2023, on: connection) }
            for code in ["14.72.01", "14.99"] {
                #expect(throws: ConsolidationError.self) {
                    try connection.transaction { connection in
                        try Consolidator.recompute(city: AggregateFixture.code(code), year: 2023, on: connection)
                    }
                }
            }
            #expect(try connection.queryValue(Int.self, "SELECT count(*) FROM agg_run") == 0)
        }
    }
}
