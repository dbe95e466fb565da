// Times Consolidator.recompute against one hand-written SQL query computing the same leaderboards,
// alternating in the same run, and the recompute after one new submission. For recompute.sh.
//
// usage: RecomputeBenchmark <postgresql-url> <city> <year> <rounds>
//
// Prints one line per measurement and a summary:
//   full <seconds>         a recompute that reads the PBB-P2 feed again (as after a load), through COMMIT
//   query <seconds>        the hand-written query, all rows fetched
//   incremental <seconds>  a recompute after one new submission (the feed's figures kept), through COMMIT
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

let args = CommandLine.arguments
guard args.count == 5, let city = RegionCode(args[2]), let year = Int(args[3]), let rounds = Int(args[4]) else {
    FileHandle.standardError.write(Data("usage: RecomputeBenchmark <url> <city> <year> <rounds>\n".utf8))
    exit(64)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func time(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    return seconds(ContinuousClock.now - start)
}

/// The leaderboards of `rekap rank` (PBB-P2 per kelurahan and per kecamatan, IKU mean capaian,
/// penyerapan, awards) in one query over the raw tables, written as one would by hand: payments summed
/// per object first, the current revision of each report, FY else the latest quarter, ranks by rank().
func handWrittenQuery(city: String, year: Int) -> PGQuery {
    """
    WITH kel AS (
        SELECT code, parent_code FROM region WHERE path <@ text2ltree(\(city)) AND level = 4
    ),
    paid AS (
        SELECT nop, sum(pokok) AS paid FROM pbb_pembayaran WHERE tahun = \(year) GROUP BY nop
    ),
    pbb AS (
        SELECT kel.parent_code AS kecamatan, k.kelurahan_code AS kelurahan,
               sum(coalesce(paid.paid, 0)) AS realisasi, sum(k.pokok) AS ketetapan,
               count(*) FILTER (WHERE coalesce(paid.paid, 0) >= k.pokok) AS lunas
          FROM pbb_ketetapan k
          JOIN kel ON kel.code = k.kelurahan_code
          LEFT JOIN paid ON paid.nop = k.nop
         WHERE k.tahun = \(year) AND starts_with(k.kelurahan_code, \(city + "."))
         GROUP BY kel.parent_code, k.kelurahan_code
    ),
    cur AS (
        SELECT DISTINCT ON (region_code, period) id, region_code, period, total_pagu, total_realisasi,
               array_position(ARRAY['Q1', 'Q2', 'Q3', 'Q4', 'FY'], period) AS finality
          FROM submission WHERE city_code = \(city) AND year = \(year)
         ORDER BY region_code, period, revision DESC
    ),
    iku_doc AS (
        SELECT DISTINCT ON (region_code) region_code, id FROM cur
         WHERE char_length(region_code) = 8 AND EXISTS (SELECT FROM submission_indicator i WHERE i.submission_id = cur.id)
         ORDER BY region_code, finality DESC
    ),
    iku AS (
        SELECT d.region_code, sum(i.capaian) AS capaian, count(i.capaian) AS n
          FROM iku_doc d JOIN submission_indicator i ON i.submission_id = d.id
         GROUP BY d.region_code
    ),
    budget_doc AS (
        SELECT DISTINCT ON (region_code) region_code, id, total_pagu, total_realisasi FROM cur
         WHERE char_length(region_code) = 8
           AND (total_pagu IS NOT NULL OR EXISTS (SELECT FROM budget_line b WHERE b.submission_id = cur.id))
         ORDER BY region_code, finality DESC
    ),
    kegiatan AS (
        SELECT k.parent_id, coalesce(k.pagu, sum(s.pagu), 0) AS pagu, coalesce(k.realisasi, sum(s.realisasi), 0) AS realisasi
          FROM budget_line k LEFT JOIN budget_line s ON s.parent_id = k.id
         WHERE k.submission_id IN (SELECT id FROM budget_doc) AND k.level = 'kegiatan'
         GROUP BY k.id
    ),
    program AS (
        SELECT p.submission_id, coalesce(p.pagu, sum(k.pagu), 0) AS pagu, coalesce(p.realisasi, sum(k.realisasi), 0) AS realisasi
          FROM budget_line p LEFT JOIN kegiatan k ON k.parent_id = p.id
         WHERE p.submission_id IN (SELECT id FROM budget_doc) AND p.level = 'program'
         GROUP BY p.id
    ),
    budget AS (
        SELECT d.region_code, coalesce(d.total_pagu, sum(p.pagu), 0) AS pagu,
               coalesce(d.total_realisasi, sum(p.realisasi), 0) AS realisasi
          FROM budget_doc d LEFT JOIN program p ON p.submission_id = d.id
         GROUP BY d.region_code, d.total_pagu, d.total_realisasi
    ),
    awards AS (
        SELECT region_code, count(*) FILTER (WHERE place = 1) AS gold, count(*) FILTER (WHERE place = 2) AS silver,
               count(*) FILTER (WHERE place = 3) AS bronze
          FROM (SELECT DISTINCT a.region_code, a.title, a.place, a.label, a.level, a.given_by, a.award_date
                  FROM cur JOIN submission_award a ON a.submission_id = cur.id) AS award
         WHERE char_length(region_code) = 13 AND place IS NOT NULL
         GROUP BY region_code
    )
    SELECT 'pbb-kelurahan' AS board, kelurahan AS region, realisasi AS numerator, ketetapan AS denominator,
           rank() OVER (ORDER BY realisasi / nullif(ketetapan, 0) DESC NULLS LAST) AS rank
      FROM pbb
    UNION ALL
    SELECT 'pbb-kecamatan', kecamatan, sum(realisasi), sum(ketetapan),
           rank() OVER (ORDER BY sum(realisasi) / nullif(sum(ketetapan), 0) DESC NULLS LAST)
      FROM pbb GROUP BY kecamatan
    UNION ALL
    SELECT 'iku', region_code, capaian, n, rank() OVER (ORDER BY capaian / nullif(n, 0) DESC NULLS LAST) FROM iku
    UNION ALL
    SELECT 'penyerapan', region_code, realisasi, pagu, rank() OVER (ORDER BY realisasi / nullif(pagu, 0) DESC NULLS LAST)
      FROM budget
    UNION ALL
    SELECT 'awards', region_code, gold, silver, rank() OVER (ORDER BY gold DESC, silver DESC, bronze DESC) FROM awards
    """
}

/// A new FY revision of the first kecamatan, copying its current one's indicators and budget lines
/// with other realisasi, as `rekap submit` stores it.
func addSubmission(on connection: PGConnection, city: String, year: Int, round: Int) throws {
    try connection.transaction { connection in
        let previous = try connection.query("""
            SELECT id, region_code, revision FROM submission
             WHERE city_code = \(city) AND year = \(year) AND period = 'FY'
             ORDER BY region_code, revision DESC LIMIT 1
            """)[0]
        let oldID = try previous.decode(Int.self, column: "id")
        let region = try previous.decode(String.self, column: "region_code")
        let document = "benchmark \(region) FY round \(round) \(UUID().uuidString)"
        let newID = try connection.queryValue(Int.self, """
            INSERT INTO submission (region_code, year, period, revision, format, document, document_sha256, city_code,
                                    total_pagu, total_realisasi)
            SELECT region_code, year, period, revision + 1, format, convert_to(\(document), 'UTF8'),
                   sha256(convert_to(\(document), 'UTF8')), city_code, total_pagu, total_realisasi - \(round)
              FROM submission WHERE id = \(oldID)
            RETURNING id
            """)!
        try connection.execute("""
            INSERT INTO submission_indicator (submission_id, position, code, name, polarity, target, realisasi, capaian, predikat)
            SELECT \(newID), position, code, name, polarity, target, realisasi + 1, capaian + 1, predikat
              FROM submission_indicator WHERE submission_id = \(oldID)
            """)
        // Lines keep their tree: copy parents before children, mapping old ids to new ones.
        try connection.execute("""
            WITH RECURSIVE old AS (
                SELECT id, parent_id, level, position, code, name, belanja, pagu, realisasi
                  FROM budget_line WHERE submission_id = \(oldID)
            ), programs AS (
                INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, pagu, realisasi)
                SELECT \(newID), NULL, level, position, code, name, pagu, realisasi FROM old WHERE level = 'program'
                RETURNING id, position
            ), kegiatan AS (
                INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, pagu, realisasi)
                SELECT \(newID), programs.id, k.level, k.position, k.code, k.name, k.pagu, k.realisasi
                  FROM old k JOIN old p ON p.id = k.parent_id JOIN programs ON programs.position = p.position
                 WHERE k.level = 'kegiatan'
                RETURNING id, position
            )
            INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, belanja, pagu, realisasi)
            SELECT \(newID), kegiatan.id, s.level, s.position, s.code, s.name, s.belanja, s.pagu, s.realisasi
              FROM old s JOIN old k ON k.id = s.parent_id JOIN kegiatan ON kegiatan.position = k.position
             WHERE s.level = 'sub_kegiatan'
            """)
    }
}

do {
    let connection = try PGConnection(url: args[1])
    // The memory the recompute gives itself, for the query too: the same server settings for both.
    try connection.execute("SELECT set_config('work_mem', \(Consolidator.workMemory), false)")
    let cityCode = city.text
    var full: [Double] = [], query: [Double] = [], incremental: [Double] = []
    for round in 1...rounds {
        // A full recompute: with no previous run recorded, the feed is read again (as after a load).
        full.append(try time {
            try connection.transaction { connection in
                try connection.execute("DELETE FROM agg_run WHERE city_code = \(cityCode) AND year = \(year)")
                try Consolidator.recompute(city: city, year: year, on: connection)
            }
        })
        print(String(format: "round %d full %.3f", round, full.last!))
        var rows = 0
        query.append(try time { rows = try connection.query(handWrittenQuery(city: cityCode, year: year)).count })
        print(String(format: "round %d query %.3f (%d rows)", round, query.last!, rows))
        try addSubmission(on: connection, city: cityCode, year: year, round: round)
        guard case .stale = try Staleness.check(city: city, year: year, on: connection) else {
            throw ConsolidationError(reason: "a new submission did not make the aggregates stale")
        }
        incremental.append(try time {
            try connection.transaction { connection in try Consolidator.recompute(city: city, year: year, on: connection) }
        })
        print(String(format: "round %d incremental %.3f", round, incremental.last!))
    }

    // The leaderboards agree: the aggregates' PBB-P2 figures are the query's.
    let board = try Rankings.pbb(city: city, year: year, level: .kelurahan, on: connection)
    let raw = try connection.query(handWrittenQuery(city: cityCode, year: year))
    var expected: [String: (Decimal, Decimal)] = [:]
    for row in raw where try row.decode(String.self, column: "board") == "pbb-kelurahan" {
        expected[try row.decode(String.self, column: "region")] =
            (try row.decode(Decimal.self, column: "numerator"), try row.decode(Decimal.self, column: "denominator"))
    }
    let agreeing = board.rows.filter { row in expected[row.region.text].map { $0 == (row.numerator!, row.denominator!) } ?? false }
    print("pbb kelurahan figures agreeing with the query: \(agreeing.count) of \(expected.count)")

    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    print(String(format: "full recompute: best %.3f s, median %.3f s", full.min()!, median(full)))
    print(String(format: "hand-written query: best %.3f s, median %.3f s", query.min()!, median(query)))
    print(String(format: "ratio full/query: best %.2f, median %.2f (goal <= 1.2)", full.min()! / query.min()!, median(full) / median(query)))
    print(String(format: "recompute after one submission: best %.3f s, median %.3f s (goal < 1 s)", incremental.min()!, median(incremental)))
} catch {
    FileHandle.standardError.write(Data("RecomputeBenchmark: \(error)\n".utf8))
    exit(1)
}
