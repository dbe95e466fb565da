import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
@testable import RekapStore
import RekapTestSupport
import Testing

@Suite("IKU aggregates and rankings")
struct IKUAggregateTests {
    /// Indicators as (code, target, realisasi, polarity); capaian worked out by hand in comments.
    typealias Row = (code: String, target: Decimal, realisasi: Decimal, polarity: Polarity)

    /// The figures each kecamatan's ranking must use (its FY report's latest revision, else its latest
    /// quarter), with each capaian written out independently of `Capaian`.
    static let used: [String: [(code: String, capaian: Decimal, realisasi: Decimal, target: Decimal)]] = [
        "14.72.01": [("IKM", 125, 100, 80), ("X", 50, 50, 100)],       // FY revision 2
        "14.72.02": [("IKM", 90, 90, 100), ("X", 90, 90, 100)],        // FY
        "14.72.03": [("IKM", 95, 95, 100), ("X", 80, 12, 10)],         // Q3; X lower: (2·10 − 12) ÷ 10
    ]

    static func seed(_ fixture: AggregateFixture) throws {
        for code in ["14.72.01", "14.72.02", "14.72.03", "14.72.04", "14.72.05"] { try fixture.region(code, name: "Kecamatan \(code)") }
        func report(_ region: String, _ period: String, _ rows: [Row]) throws {
            let id = try fixture.submission(region, period: period)
            for row in rows { try fixture.indicator(id, code: row.code, target: row.target, realisasi: row.realisasi, polarity: row.polarity) }
        }
        try report("14.72.01", "Q2", [("IKM", 100, 10, .higher), ("X", 100, 10, .higher)])   // a quarter, FY exists
        try report("14.72.01", "FY", [("IKM", 87, d("91.72"), .higher), ("X", 100, 50, .higher)])  // revision 1
        try report("14.72.01", "FY", [("IKM", 80, 100, .higher), ("X", 100, 50, .higher)])      // revision 2
        try report("14.72.02", "FY", [("IKM", 100, 90, .higher), ("X", 100, 90, .higher)])
        try report("14.72.03", "Q2", [("IKM", 100, 80, .higher)])
        try report("14.72.03", "Q3", [("IKM", 100, 95, .higher), ("X", 10, 12, .lower)])
        try report("14.72.04", "FY", [("IKM", 0, 5, .higher)])   // no capaian of a 0 target
        // A quarter's budget, superseded by the FY revision 2 of 14.72.02: 720 of 800, with its indicators.
        _ = try fixture.submission("14.72.02", period: "Q4", totalPagu: 1000, totalRealisasi: 100)
        let revised = try fixture.submission("14.72.02", period: "FY", totalPagu: 800, totalRealisasi: 720)
        try fixture.indicator(revised, code: "IKM", target: 100, realisasi: 90)
        try fixture.indicator(revised, code: "X", target: 100, realisasi: 90)
    }

    static func mean(_ kecamatan: String, cap: Decimal?) -> (sum: Decimal, count: Decimal) {
        let values = used[kecamatan]!.map { row in cap.map { min(row.capaian, $0) } ?? row.capaian }
        return (total(values), Decimal(values.count))
    }

    @Test("kecamatan rank by mean capaian from the latest FY revision, else the latest quarter; a cap changes the order")
    func meanCapaianAndCap() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            try Self.seed(fixture)
            try fixture.recompute()

            for cap in [nil, Decimal(100)] as [Decimal?] {
                if let cap {
                    try ConsolidationSettings.setCapaianCap(cap, city: fixture.city, on: connection)
                    try fixture.recompute()
                }
                let board = try Rankings.iku(city: fixture.city, year: 2023, on: connection)
                let expected = expectedRanks(Self.used.keys.map { code in
                    let m = Self.mean(code, cap: cap)
                    return (code, m.sum, m.count)
                })
                #expect(board.rows.prefix(3).map { "\($0.rank!) \($0.region)" } == expected.map { "\($0.rank) \($0.code)" })
                for row in board.rows.prefix(3) {
                    let m = Self.mean(row.region.text, cap: cap)
                    #expect(row.numerator == m.sum)
                    #expect(row.denominator == m.count)
                    #expect(row.value == expectedPercentText(m.sum, m.count * 100))
                }
                #expect(board.rows.dropFirst(3).map { "\($0.rank.map(String.init) ?? "-") \($0.region)" } == ["- 14.72.04", "- 14.72.05"])
            }
            // Uncapped 14.72.01 (87.5) ties 14.72.03 (87.5); capped at 100 it falls to last (75).
            try ConsolidationSettings.setCapaianCap(nil, city: fixture.city, on: connection)
            try fixture.recompute()
            #expect(try Rankings.iku(city: fixture.city, year: 2023, on: connection).rows.prefix(3)
                .map { "\($0.rank!) \($0.region) \($0.value!)" } == ["1 14.72.02 90.00", "2 14.72.01 87.50", "2 14.72.03 87.50"])
            try ConsolidationSettings.setCapaianCap(100, city: fixture.city, on: connection)
            try fixture.recompute()
            #expect(try Rankings.iku(city: fixture.city, year: 2023, on: connection).rows.prefix(3)
                .map { "\($0.rank!) \($0.region) \($0.value!)" } == ["1 14.72.02 90.00", "2 14.72.03 87.50", "3 14.72.01 75.00"])
        }
    }

    @Test("one indicator's leaderboard, its predikat and the city statistics")
    func oneIndicatorAndCityStatistics() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            try Self.seed(fixture)
            try fixture.recompute()

            let board = try Rankings.iku(city: fixture.city, year: 2023, indicator: "X", on: connection)
            let expected = expectedRanks(Self.used.map { code, rows in (code, rows.first { $0.code == "X" }!.capaian, Decimal(1)) })
            #expect(board.rows.prefix(3).map { "\($0.rank!) \($0.region)" } == expected.map { "\($0.rank) \($0.code)" })
            #expect(board.rows.first { $0.region.text == "14.72.03" }.map { "\($0.numerator!)/\($0.denominator!) \($0.value!)" } == "12/10 80.00")
            #expect(throws: ConsolidationError.self) { try Rankings.iku(city: fixture.city, year: 2023, indicator: "NOPE", on: connection) }

            // Mean, median (mean of the two middle of an even count), min, max, over kecamatan with a capaian.
            for code in ["IKM", "X"] {
                let values = Self.used.values.map { $0.first { $0.code == code }!.capaian }.sorted()
                let row = try connection.query("""
                    SELECT reporting, mean, median, min, max FROM agg_iku_city WHERE indicator_code = \(code)
                    """)[0]
                #expect(try row.decode(Int.self, column: "reporting") == values.count)
                #expect(try row.decode(Decimal.self, column: "median") == values[1])
                #expect(try row.decode(Decimal.self, column: "min") == values.first!)
                #expect(try row.decode(Decimal.self, column: "max") == values.last!)
                let mean = try row.decode(Decimal.self, column: "mean")
                #expect(abs(mean - total(values) / Decimal(values.count)) < d("0.000000000001"))
                let counts = try connection.query("""
                    SELECT predikat, kecamatan FROM agg_iku_predikat WHERE indicator_code = \(code) ORDER BY position
                    """).map { "\(try $0.decode(String.self, at: 0))=\(try $0.decode(Int.self, at: 1))" }
                let scale = Scale.predikatCapaian
                let labels = scale.bands.map(\.label) + [scale.otherwise]
                #expect(counts == labels.map { label in "\(label)=\(values.filter { scale.label(for: $0) == label }.count)" })
            }
            // The 0-target indicator of 14.72.04 is listed without capaian or predikat.
            let zero = try connection.query("SELECT capaian, predikat FROM agg_iku WHERE kecamatan_code = '14.72.04'")[0]
            #expect(try zero.decode(Decimal?.self, column: "capaian") == nil)
            #expect(try zero.decode(String?.self, column: "predikat") == nil)
            let kecamatan = try connection.query("""
                SELECT indicators, indicators_without_capaian, penyerapan, efisiensi, period
                  FROM agg_iku_kecamatan ORDER BY kecamatan_code
                """)
            #expect(try kecamatan[3].decode(Int.self, column: "indicators_without_capaian") == 1)
            // 14.72.02: mean 90 ÷ penyerapan 90 (720 of 800) = 1, efisien.
            #expect(try kecamatan[1].decode(Decimal?.self, column: "penyerapan") == 90)
            #expect(try kecamatan[1].decode(Decimal?.self, column: "efisiensi") == 1)
            #expect(Efisiensi.compute(capaian: 90, penyerapan: 90).label == "efisien")
            #expect(try kecamatan[0].decode(Decimal?.self, column: "efisiensi") == nil)
            #expect(try kecamatan.map { try $0.decode(String?.self, column: "period") } == ["FY", "FY", "Q3", "FY", nil])
        }
    }

    @Test("predikat in SQL agrees with Scale.label on every band edge, for the default and a city's own scale")
    func predikatMatchesScale() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            let own = try Scale(name: "own", bands: [Scale.Band(.greaterThan, 90, "A"), Scale.Band(.atLeast, d("62.5"), "B")], otherwise: "C")
            let values: [Decimal] = ["-1", "0", "54.99", "55", "55.0001", "69.999", "70", "84.99", "85", "90", "90.0001", "100", "105.42", "62.49", "62.5"].map(d)
            for scale in [Scale.predikatCapaian, own] {
                let settings = ConsolidationSettings(predikatScale: scale)
                for value in values {
                    let label = try connection.queryValue(String.self, "SELECT predikat_label(\(value), \(settings.predikatScaleJSON)::jsonb)")
                    #expect(label == scale.label(for: value), "\(value) on \(scale.name)")
                }
            }
            // A city's own scale for the year is stored, read back and used by the consolidation.
            try ConsolidationSettings.setPredikatScale(own, city: fixture.city, year: 2023, on: connection)
            let loaded = try ConsolidationSettings.load(city: fixture.city, year: 2023, on: connection)
            #expect(loaded.predikatScale.bands == own.bands)
            #expect(loaded.predikatScale.otherwise == "C")
            #expect(try ConsolidationSettings.load(city: fixture.city, year: 2024, on: connection).predikatScale == .predikatCapaian)
            try fixture.region("14.72.01")
            let id = try fixture.submission("14.72.01")
            try fixture.indicator(id, code: "IKM", target: 100, realisasi: 91)
            try fixture.recompute()
            #expect(try connection.queryValue(String.self, "SELECT predikat FROM agg_iku") == "A")
            #expect(try connection.query("SELECT predikat, kecamatan FROM agg_iku_predikat ORDER BY position")
                .map { "\(try $0.decode(String.self, at: 0))=\(try $0.decode(Int.self, at: 1))" } == ["A=1", "B=0", "C=0"])
            // Labels must differ, and bands descend (checked by Scale itself).
            let twice = try Scale(name: "twice", bands: [Scale.Band(.atLeast, 90, "A")], otherwise: "A")
            #expect(throws: ConsolidationError.self) {
                try ConsolidationSettings.setPredikatScale(twice, city: fixture.city, year: 2023, on: connection)
            }
            #expect(throws: ConsolidationError.self) { try ConsolidationSettings.setCapaianCap(0, city: fixture.city, on: connection) }
        }
    }
}
