import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore
import RekapTestSupport
import Testing

@Suite("Budget aggregates and the penyerapan ranking")
struct BudgetAggregateTests {
    @Test("penyerapan ranks kecamatan totals; programs match across kecamatan by code, else normalised name")
    func penyerapanAndPrograms() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            for code in ["14.72.01", "14.72.02", "14.72.03", "14.72.04"] { try fixture.region(code) }

            // 14.72.01, FY: reported total 800 of 1000; a coded program with reported amounts, and an
            // uncoded one whose figures come from its lines (300/250 operasi, 100/50 modal).
            let first = try fixture.submission("14.72.01", totalPagu: 1000, totalRealisasi: 800)
            try fixture.program(first, code: "7.01.02", name: "Program Penyelenggaraan Pemerintahan", pagu: 600, realisasi: 500)
            let uncoded = try fixture.program(first, code: nil, name: "Program  Pemberdayaan   Masyarakat", pagu: nil, realisasi: nil)
            let kegiatan = try fixture.line(first, parent: uncoded, level: "kegiatan", code: nil, name: "Kegiatan", pagu: nil, realisasi: nil)
            try fixture.line(first, parent: kegiatan, level: "sub_kegiatan", code: nil, name: "A", pagu: 300, realisasi: 250, belanja: "operasi")
            try fixture.line(first, parent: kegiatan, level: "sub_kegiatan", code: nil, name: "B", pagu: 100, realisasi: 50, belanja: "modal")
            // 14.72.02, FY: no reported total (the sum of its programs: 590 of 700).
            let second = try fixture.submission("14.72.02")
            try fixture.program(second, code: "7.01.02", name: "Penyelenggaraan Pemerintahan", pagu: 500, realisasi: 490)
            try fixture.program(second, code: nil, name: "pemberdayaan masyarakat", pagu: 200, realisasi: 100)
            // 14.72.03: only a Q3 report, whose uncoded program takes the code of the same name; belanja reported.
            let third = try fixture.submission("14.72.03", period: "Q3")
            try fixture.program(third, code: nil, name: "PROGRAM PENYELENGGARAAN  PEMERINTAHAN", pagu: 100, realisasi: 100)
            try fixture.belanja(third, "operasi", pagu: 100, realisasi: 100)
            try fixture.recompute()

            let totals: [(code: String, realisasi: Decimal, pagu: Decimal)] = [
                ("14.72.01", 800, 1000), ("14.72.02", 490 + 100, 500 + 200), ("14.72.03", 100, 100),
            ]
            let board = try Rankings.penyerapan(city: fixture.city, year: 2023, on: connection)
            #expect(board.rows.prefix(3).map { "\($0.rank!) \($0.region)" }
                    == expectedRanks(totals.map { ($0.code, $0.realisasi, $0.pagu) }).map { "\($0.rank) \($0.code)" })
            for row in board.rows.prefix(3) {
                let expected = totals.first { $0.code == row.region.text }!
                #expect(row.numerator == expected.realisasi && row.denominator == expected.pagu)
                #expect(row.value == expectedPercentText(expected.realisasi, expected.pagu))
            }
            #expect(board.rows.last.map { "\($0.rank.map(String.init) ?? "-") \($0.region)" } == "- 14.72.04")
            let lowest = try Rankings.penyerapan(city: fixture.city, year: 2023, lowest: true, on: connection)
            #expect(lowest.rows.map(\.region.text) == ["14.72.01", "14.72.02", "14.72.03", "14.72.04"])

            let programs = try connection.query("""
                SELECT program_key, program_code, kecamatan, pagu, realisasi, sisa
                  FROM agg_budget WHERE level = 'kota' ORDER BY program_key
                """).map {
                    "\(try $0.decode(String.self, at: 0)) \(try $0.decode(String?.self, at: 1) ?? "-") \(try $0.decode(Int.self, at: 2)) "
                        + "\(try $0.decode(Decimal.self, at: 3))/\(try $0.decode(Decimal.self, at: 4)) \(try $0.decode(Decimal.self, at: 5))"
                }
            #expect(programs == [
                "7.01.02 7.01.02 3 \(600 + 500 + 100)/\(500 + 490 + 100) \(1200 - 1090)",
                "nama:pemberdayaan masyarakat - 2 \(400 + 200)/\(300 + 100) \(600 - 400)",
            ])
            let belanja = try connection.query("""
                SELECT belanja, pagu, realisasi FROM agg_budget_belanja WHERE level = 'kota' ORDER BY belanja
                """).map { "\(try $0.decode(String.self, at: 0)) \(try $0.decode(Decimal.self, at: 1))/\(try $0.decode(Decimal.self, at: 2))" }
            #expect(belanja == ["modal 100/50", "operasi \(300 + 100)/\(250 + 100)"])
            let kota = try connection.query("SELECT pagu, realisasi FROM agg_budget_total WHERE level = 'kota'")[0]
            #expect(try kota.decode(Decimal.self, at: 0) == total(totals.map(\.pagu)))
            #expect(try kota.decode(Decimal.self, at: 1) == total(totals.map(\.realisasi)))
        }
    }
}

@Suite("Awards and completeness")
struct AwardsAndCompletenessTests {
    @Test("medal table from the current revisions: an award reported twice counts once; ties share a rank")
    func medalTable() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            for code in ["14.72.01.1001", "14.72.01.1002", "14.72.01.1003", "14.72.01.1004", "14.72.01.2001"] {
                try fixture.region(code, name: "Nama \(code)")
            }
            typealias Award = (region: String, title: String, place: Int?, label: String?)
            let kecamatanAwards: [Award] = [
                ("14.72.01.1001", "Lomba Mars Germas", 1, "Juara 1"), ("14.72.01.1001", "Kebersihan", 1, "Juara 1"),
                ("14.72.01.1001", "Posyandu", 2, "Juara 2"),
                ("14.72.01.1002", "Lomba Mars Germas", 1, "Juara 1"), ("14.72.01.1002", "Kebersihan", 1, "Juara 1"),
                ("14.72.01.1002", "Posyandu", 2, "Juara 2"),
                ("14.72.01.1003", "Pantun", 1, "Juara 1"), ("14.72.01.1003", "Tari", 2, nil), ("14.72.01.1003", "Lari", 2, nil),
                ("14.72.01.1003", "Catur", 2, nil),
                ("14.72.01.1004", "Pantun", nil, "Harapan 1"),
                ("14.72.01.2001", "Lari", 3, "Juara 3"),
            ]
            // Revision 1 of the kecamatan's report is superseded: its award must not count.
            let old = try fixture.submission("14.72.01")
            try fixture.award(old, region: "14.72.01.1004", title: "Dibatalkan", place: 1, date: "2023-05-01")
            let report = try fixture.submission("14.72.01")
            for award in kecamatanAwards {
                try fixture.award(report, region: award.region, title: award.title, place: award.place, label: award.label, date: "2023-08-17")
            }
            // The kelurahan reports one of the same awards itself.
            let own = try fixture.submission("14.72.01.1001", period: "Q4")
            try fixture.award(own, region: "14.72.01.1001", title: "Lomba Mars Germas", place: 1, label: "Juara 1", date: "2023-08-17")
            try fixture.recompute()

            // Independently: count places per region, rank by (gold, silver, bronze) then code.
            var medals: [String: (Int, Int, Int)] = [:]
            for award in kecamatanAwards {
                guard let place = award.place else { continue }
                var m = medals[award.region] ?? (0, 0, 0)
                if place == 1 { m.0 += 1 } else if place == 2 { m.1 += 1 } else { m.2 += 1 }
                medals[award.region] = m
            }
            let order = medals.sorted { lhs, rhs in
                lhs.value != rhs.value ? lhs.value > rhs.value : lhs.key < rhs.key
            }
            var expected: [String] = []
            for (index, entry) in order.enumerated() {
                let rank = index > 0 && order[index - 1].value == entry.value ? Int(expected[index - 1].split(separator: " ")[0])! : index + 1
                expected.append("\(rank) \(entry.key) \(entry.value.0)/\(entry.value.1)/\(entry.value.2)")
            }
            let board = try Rankings.awards(city: fixture.city, year: 2023, on: connection)
            #expect(board.rows.map { "\($0.rank) \($0.region) \($0.gold)/\($0.silver)/\($0.bronze)" } == expected)
            #expect(expected.first == "1 14.72.01.1001 2/1/0")
            #expect(expected[1] == "1 14.72.01.1002 2/1/0")
            #expect(board.rows.first?.name == "Nama 14.72.01.1001")
            // Harapan only: not in the medal table, counted as other.
            #expect(try connection.queryValue(Int.self, "SELECT other FROM agg_awards WHERE region_code = '14.72.01.1004'") == 1)
            #expect(try connection.queryValue(Int.self, "SELECT gold FROM agg_awards WHERE region_code = '14.72.01.1004'") == 0)
        }
    }

    @Test("completeness lists every kecamatan and kelurahan for every period, with the current revision")
    func completeness() async throws {
        try await withMigratedDatabase { configuration in
            let connection = try PGConnection(configuration: configuration)
            let fixture = try AggregateFixture(connection: connection)
            let regions = ["14.72.01", "14.72.01.1001", "14.72.01.1002", "14.72.02", "14.72.02.2001"]
            for code in regions { try fixture.region(code) }
            try fixture.region("14.73.01.1001")  // another city: not listed
            var submitted: [String: (id: Int, revision: Int)] = [:]
            for (region, period) in [("14.72.01", "FY"), ("14.72.01", "Q1"), ("14.72.01", "FY"), ("14.72.02.2001", "Q3"),
                                     ("14.72.01.1001", "Q2")] {
                let id = try fixture.submission(region, period: period)
                submitted["\(region) \(period)"] = (id, (submitted["\(region) \(period)"]?.revision ?? 0) + 1)
            }
            _ = try fixture.submission("14.72.01", year: 2022)  // another year: not listed
            try fixture.recompute()

            let rows = try connection.query("""
                SELECT region_code, level, period, submission_id, revision, submitted_at IS NOT NULL AS dated
                  FROM agg_completeness ORDER BY region_code, period
                """)
            var expected: [String] = []
            for region in regions.sorted() {
                for period in ["FY", "Q1", "Q2", "Q3", "Q4"] {
                    let level = region.count == 8 ? "kecamatan" : "kelurahan"
                    let entry = submitted["\(region) \(period)"]
                    expected.append("\(region) \(level) \(period) \(entry.map { "\($0.id) r\($0.revision) dated" } ?? "missing")")
                }
            }
            #expect(try rows.map { row in
                let id = try row.decode(Int?.self, column: "submission_id")
                let detail = try id.map { "\($0) r\(try row.decode(Int.self, column: "revision")) \(try row.decode(Bool.self, column: "dated") ? "dated" : "undated")" }
                return "\(try row.decode(String.self, column: "region_code")) \(try row.decode(String.self, column: "level")) "
                    + "\(try row.decode(String.self, column: "period")) \(detail ?? "missing")"
            } == expected)
        }
    }
}
