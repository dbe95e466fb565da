import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

@Suite("PBB-P2 aggregates and rankings")
struct PBBAggregateTests {
    /// A random feed: objects, partial/full/over payments on random days, a kelurahan without objects.
    struct Feed {
        struct Object { let nop: String; let kelurahan: String; let pokok: Decimal; var payments: [(day: String, pokok: Decimal)] }
        var objects: [Object] = []
        var kelurahan: [String] = []

        func ketetapan(_ codes: Set<String>) -> Decimal { total(objects.filter { codes.contains($0.kelurahan) }.map(\.pokok)) }
        func realisasi(_ codes: Set<String>, through day: String = "9999-12-31") -> Decimal {
            total(objects.filter { codes.contains($0.kelurahan) }.flatMap(\.payments).filter { $0.day <= day }.map(\.pokok))
        }
    }

    static func makeFeed(_ fixture: AggregateFixture, seed: UInt64) throws -> Feed {
        var random = SplitMix64(seed: seed)
        var feed = Feed()
        try fixture.load()
        for kecamatan in 1...3 {
            for kelurahan in 1...4 {
                let code = "14.72.0\(kecamatan).100\(kelurahan)"
                try fixture.region(code, name: "Kelurahan \(kecamatan)-\(kelurahan)")
                feed.kelurahan.append(code)
                let objects = code == "14.72.03.1004" ? 0 : random.within(3...12)
                for index in 0..<objects {
                    let nop = "1472\(kecamatan)\(kelurahan)" + String(format: "%012d", index)
                    let pokok = Decimal(random.within(100...5000) * 1000)
                    var object = Feed.Object(nop: nop, kelurahan: code, pokok: pokok, payments: [])
                    switch random.within(0...4) {
                    case 0: break  // unpaid
                    case 1: object.payments = [(Self.day(&random), pokok)]  // in full
                    case 2: object.payments = [(Self.day(&random), pokok / 2), (Self.day(&random), pokok / 4)]  // partly
                    case 3: object.payments = [(Self.day(&random), pokok / 2), (Self.day(&random), pokok / 2)]  // in two
                    default: object.payments = [(Self.day(&random), pokok + 1000)]  // over
                    }
                    try fixture.ketetapan(nop: nop, kelurahan: code, pokok: pokok)
                    for payment in object.payments { try fixture.payment(nop: nop, on: payment.day, pokok: payment.pokok) }
                    feed.objects.append(object)
                }
            }
        }
        // A payment for an object without ketetapan this year is kept aside, never counted.
        try fixture.payment(nop: "147299999999999999", on: "2023-03-01", pokok: 5_000_000)
        return feed
    }

    static func day(_ random: inout SplitMix64) -> String {
        String(format: "2023-%02d-%02d", random.within(1...12), random.within(1...28))
    }

    @Test("kelurahan and kecamatan leaderboards match sums of the raw feed, now and as of a date")
    func feedLeaderboards() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            let feed = try Self.makeFeed(fixture, seed: 42)
            try fixture.recompute()

            for asOf in [nil, "2023-06-30", "2023-01-15"] as [String?] {
                let date = try asOf.map { try CalendarDate(parsing: $0) }
                let through = asOf ?? "9999-12-31"
                // Kelurahan.
                let board = try Rankings.pbb(city: fixture.city, year: 2023, level: .kelurahan, asOf: date, on: connection)
                let valued = feed.kelurahan.filter { feed.ketetapan([$0]) > 0 }
                let expected = expectedRanks(valued.map { ($0, feed.realisasi([$0], through: through), feed.ketetapan([$0])) })
                #expect(board.rows.prefix(valued.count).map { "\($0.rank!) \($0.region)" } == expected.map { "\($0.rank) \($0.code)" })
                for row in board.rows.prefix(valued.count) {
                    let code = row.region.text
                    #expect(row.numerator == feed.realisasi([code], through: through))
                    #expect(row.denominator == feed.ketetapan([code]))
                    #expect(row.value == expectedPercentText(feed.realisasi([code], through: through), feed.ketetapan([code])))
                }
                // The kelurahan without objects is listed last, unranked.
                #expect(board.rows.last?.region.text == "14.72.03.1004")
                #expect(board.rows.last?.rank == nil)
                #expect(board.rows.last?.value == nil)

                // Kecamatan: Σ realisasi ÷ Σ ketetapan of their kelurahan.
                let kecamatan = ["14.72.01", "14.72.02", "14.72.03"]
                func members(_ k: String) -> Set<String> { Set(feed.kelurahan.filter { $0.hasPrefix(k + ".") }) }
                let byKecamatan = try Rankings.pbb(city: fixture.city, year: 2023, level: .kecamatan, asOf: date, on: connection)
                let expectedKecamatan = expectedRanks(kecamatan.map { ($0, feed.realisasi(members($0), through: through), feed.ketetapan(members($0))) })
                #expect(byKecamatan.rows.map { "\($0.rank!) \($0.region)" } == expectedKecamatan.map { "\($0.rank) \($0.code)" })
                for row in byKecamatan.rows {
                    #expect(row.numerator == feed.realisasi(members(row.region.text), through: through))
                }
            }

            // Objects and the day each kelurahan reached 100%.
            let rows = try connection.query("""
                SELECT region_code, objek, objek_lunas, lunas_date::text AS lunas_date, source
                  FROM agg_pbb_region WHERE level = 'kelurahan' ORDER BY region_code
                """)
            for row in rows {
                let code = try row.decode(String.self, column: "region_code")
                let objects = feed.objects.filter { $0.kelurahan == code }
                let lunas = objects.filter { total($0.payments.map(\.pokok)) >= $0.pokok }.count
                if objects.isEmpty {
                    #expect(try row.decode(String?.self, column: "source") == nil)
                    continue
                }
                #expect(try row.decode(String?.self, column: "source") == "feed")
                #expect(try row.decode(Int?.self, column: "objek") == objects.count, "\(code)")
                #expect(try row.decode(Int?.self, column: "objek_lunas") == lunas, "\(code)")
                let ketetapan = feed.ketetapan([code])
                let days = Set(objects.flatMap(\.payments).map(\.day)).sorted()
                let reached = days.first { feed.realisasi([code], through: $0) >= ketetapan }
                #expect(try row.decode(String?.self, column: "lunas_date") == reached, "\(code)")
            }
            // The kota row sums everything.
            let kota = try connection.query("SELECT ketetapan, realisasi FROM agg_pbb_region WHERE level = 'kota'")[0]
            #expect(try kota.decode(Decimal.self, column: "ketetapan") == feed.ketetapan(Set(feed.kelurahan)))
            #expect(try kota.decode(Decimal.self, column: "realisasi") == feed.realisasi(Set(feed.kelurahan)))
        }
    }

    @Test("equal exact values share a rank and the next is skipped; --lowest counts from the worst")
    func sharedRanksAndLowest() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            // 50/100 and 100/200 tie exactly; 98.514% and 98.505% both print 98.51 yet rank apart.
            let figures: [(String, Decimal, Decimal)] = [
                ("14.72.01.1001", 50, 100), ("14.72.01.1002", 100, 200), ("14.72.01.1003", 75, 100),
                ("14.72.01.1004", 10, 100), ("14.72.01.1005", 98514, 100000), ("14.72.01.1006", 98505, 100000),
            ]
            try fixture.load()
            for (index, (code, paid, pokok)) in figures.enumerated() {
                try fixture.region(code)
                let nop = String(format: "1472011%011d", index)
                try fixture.ketetapan(nop: nop, kelurahan: code, pokok: pokok)
                try fixture.payment(nop: nop, on: "2023-05-0\(index + 1)", pokok: paid)
            }
            try fixture.recompute()

            let best = try Rankings.pbb(city: fixture.city, year: 2023, level: .kelurahan, on: connection)
            #expect(best.rows.map { "\($0.rank!) \($0.region) \($0.value!)" } == [
                "1 14.72.01.1005 98.51", "2 14.72.01.1006 98.51", "3 14.72.01.1003 75.00",
                "4 14.72.01.1001 50.00", "4 14.72.01.1002 50.00", "6 14.72.01.1004 10.00",
            ])
            let worst = try Rankings.pbb(city: fixture.city, year: 2023, level: .kelurahan, lowest: true, on: connection)
            #expect(worst.rows.map { "\($0.rank!) \($0.region)" } == [
                "1 14.72.01.1004", "2 14.72.01.1001", "2 14.72.01.1002", "4 14.72.01.1003",
                "5 14.72.01.1006", "6 14.72.01.1005",
            ])
            #expect(expectedRanks(figures.map { ($0.0, $0.1, $0.2) }, lowest: true).map { "\($0.rank) \($0.code)" }
                    == worst.rows.map { "\($0.rank!) \($0.region)" })
        }
    }

    @Test("a kecamatan's percentage is Σ realisasi ÷ Σ ketetapan, not the mean of its kelurahan's")
    func kecamatanIsRatioOfSums() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            // 14.72.01: 90% of 100 and 10% of 10,000 → 1,090 / 10,100 = 10.79% (mean of % would be 50%).
            // 14.72.02: 40% of 1,000.
            let figures: [(String, Decimal, Decimal)] = [
                ("14.72.01.1001", 90, 100), ("14.72.01.1002", 1000, 10000), ("14.72.02.1001", 400, 1000),
            ]
            try fixture.load()
            for (index, (code, paid, pokok)) in figures.enumerated() {
                try fixture.region(code)
                let nop = String(format: "14720%013d", index)
                try fixture.ketetapan(nop: nop, kelurahan: code, pokok: pokok)
                try fixture.payment(nop: nop, on: "2023-02-01", pokok: paid)
            }
            try fixture.recompute()
            let board = try Rankings.pbb(city: fixture.city, year: 2023, level: .kecamatan, on: connection)
            #expect(board.rows.map { "\($0.rank!) \($0.region) \($0.value!) \($0.numerator!)/\($0.denominator!)" } == [
                "1 14.72.02 40.00 400/1000", "2 14.72.01 \(expectedPercentText(1090, 10100)) 1090/10100",
            ])
            #expect(expectedPercentText(1090, 10100) == "10.79")
        }
    }

    @Test("submission PBB rows count only for kelurahan without a feed; the latest revision and as_of win")
    func submissionRowsWhereNoFeed() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            for code in ["14.72.01.1001", "14.72.01.1002", "14.72.01.1003"] { try fixture.region(code) }
            // 1001 has a feed: 300 of 1,000.
            try fixture.load()
            try fixture.ketetapan(nop: "147201100100000001", kelurahan: "14.72.01.1001", pokok: 1000)
            try fixture.payment(nop: "147201100100000001", on: "2023-04-01", pokok: 300)
            // The kecamatan reports all three; its report's figure for 1001 must be ignored.
            let first = try fixture.submission("14.72.01", period: "Q2")
            try fixture.pbb(first, kelurahan: "14.72.01.1001", ketetapan: 1000, realisasi: 999, asOf: "2023-06-30")
            try fixture.pbb(first, kelurahan: "14.72.01.1002", ketetapan: 2000, realisasi: 100, asOf: "2023-06-30")
            // Superseded by revision 2 below.
            try fixture.pbb(first, kelurahan: "14.72.01.1003", ketetapan: 500, realisasi: 500, asOf: "2023-06-30")
            let second = try fixture.submission("14.72.01", period: "Q2")
            try fixture.pbb(second, kelurahan: "14.72.01.1001", ketetapan: 1000, realisasi: 999, asOf: "2023-06-30")
            try fixture.pbb(second, kelurahan: "14.72.01.1002", ketetapan: 2000, realisasi: 100, asOf: "2023-06-30")
            try fixture.pbb(second, kelurahan: "14.72.01.1003", ketetapan: 500, realisasi: 50, asOf: "2023-06-30",
                            objek: 40, objekLunas: 4)
            // The kelurahan's own Q3 report: a later as_of supersedes from that date on.
            let own = try fixture.submission("14.72.01.1002", period: "Q3")
            try fixture.pbb(own, kelurahan: "14.72.01.1002", ketetapan: 2000, realisasi: 1900, asOf: "2023-09-30")
            try fixture.recompute()

            let now = try Rankings.pbb(city: fixture.city, year: 2023, level: .kelurahan, on: connection)
            #expect(now.rows.map { "\($0.rank!) \($0.region) \($0.numerator!)/\($0.denominator!)" } == [
                "1 14.72.01.1002 1900/2000", "2 14.72.01.1001 300/1000", "3 14.72.01.1003 50/500",
            ])
            let midYear = try Rankings.pbb(city: fixture.city, year: 2023, level: .kelurahan,
                                           asOf: try CalendarDate(parsing: "2023-07-01"), on: connection)
            #expect(midYear.rows.map { "\($0.rank!) \($0.region) \($0.numerator!)/\($0.denominator!)" } == [
                "1 14.72.01.1001 300/1000", "2 14.72.01.1003 50/500", "3 14.72.01.1002 100/2000",
            ])
            // Before any report and payment: nothing is known, nobody is ranked.
            let january = try Rankings.pbb(city: fixture.city, year: 2023, level: .kelurahan,
                                           asOf: try CalendarDate(parsing: "2023-01-31"), on: connection)
            #expect(january.rows.map { "\($0.rank.map(String.init) ?? "-") \($0.region) \($0.numerator!)/\($0.denominator!)" } == [
                "1 14.72.01.1001 0/1000", "- 14.72.01.1002 0/0", "- 14.72.01.1003 0/0",
            ])

            let rows = try connection.query("""
                SELECT region_code, source, submission_id, objek, objek_lunas, lunas_date::text AS lunas_date
                  FROM agg_pbb_region ORDER BY region_code
                """)
            let sources = try rows.map { "\(try $0.decode(String.self, column: "region_code")) \(try $0.decode(String?.self, column: "source") ?? "-")" }
            #expect(sources == ["14.72 mixed", "14.72.01 mixed", "14.72.01.1001 feed", "14.72.01.1002 submission", "14.72.01.1003 submission"])
            #expect(try rows[3].decode(Int?.self, column: "submission_id") == own)
            #expect(try rows[4].decode(Int?.self, column: "submission_id") == second)
            #expect(try rows[4].decode(Int?.self, column: "objek") == 40)
            #expect(try rows[4].decode(Int?.self, column: "objek_lunas") == 4)
            // 1002 never reached 100%; the kecamatan lacks objek counts for 1002, so its total is unknown.
            #expect(try rows[3].decode(String?.self, column: "lunas_date") == nil)
            #expect(try rows[1].decode(Int?.self, column: "objek") == nil)
        }
    }

    @Test("a correction downwards after 100% moves the lunas date to when 100% was reached again")
    func lunasDateHeld() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            try fixture.region("14.72.01.2001")
            let report = try fixture.submission("14.72.01.2001", period: "Q4")
            try fixture.pbb(report, kelurahan: "14.72.01.2001", ketetapan: 100, realisasi: 100, asOf: "2023-03-31")
            try fixture.pbb(report, kelurahan: "14.72.01.2001", ketetapan: 100, realisasi: 80, asOf: "2023-06-30")
            try fixture.pbb(report, kelurahan: "14.72.01.2001", ketetapan: 100, realisasi: 100, asOf: "2023-09-30")
            try fixture.pbb(report, kelurahan: "14.72.01.2001", ketetapan: 100, realisasi: 120, asOf: "2023-12-31")
            try fixture.recompute()
            let dates = try connection.query("SELECT lunas_date::text FROM agg_pbb_region ORDER BY region_code")
                .map { try $0.decode(String?.self, at: 0) }
            #expect(dates == ["2023-09-30", "2023-09-30", "2023-09-30"])
        }
    }
}
