import PostgresLibPQ

/// PBB-P2 aggregates: `agg_pbb_region` and `agg_pbb_daily`.
///
/// The object-level feed is by far the largest input (millions of objects and payments at province
/// scale), so its per-kelurahan rows are computed in one pass and kept while no PBB load and no
/// region change happened since (`recomputeFeed: false`); everything else is rebuilt each time.
enum PBBAggregation {
    static func run(_ scope: ConsolidationScope, recomputeFeed: Bool, on connection: PGConnection) throws {
        if recomputeFeed {
            try scope.deleteRows(of: ["agg_pbb_daily", "agg_pbb_region"], on: connection)
            try insertFeedKelurahan(scope, on: connection)
        } else {
            try connection.execute("DELETE FROM agg_pbb_daily WHERE \(scope.isThisCityYear("agg_pbb_daily")) AND source <> 'feed'")
            try connection.execute("""
                DELETE FROM agg_pbb_region
                 WHERE \(scope.isThisCityYear("agg_pbb_region"))
                   AND (level <> 'kelurahan' OR source IS DISTINCT FROM 'feed')
                """)
        }
        try insertOtherKelurahan(scope, on: connection)
        try insertKecamatanAndKota(scope, on: connection)
        try setLunasDates(scope, on: connection)
    }

    /// Kelurahan with a feed: one pass over their objects and payments, grouped both per object
    /// (lunas: what was paid toward it reaches its pokok) and per payment day.
    static func insertFeedKelurahan(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        let city = scope.cityCode, year = scope.year
        try connection.execute("""
            WITH kel AS MATERIALIZED (\(scope.kelurahan)),
            per_set AS (
                SELECT kelurahan_code, tanggal, min(ketetapan) AS ketetapan, sum(paid) AS paid,
                       GROUPING(nop) AS by_day
                  FROM (SELECT k.kelurahan_code, k.nop, k.pokok AS ketetapan, p.tanggal, p.pokok AS paid
                          FROM pbb_ketetapan k
                          JOIN kel ON kel.code = k.kelurahan_code
                          LEFT JOIN pbb_pembayaran p ON p.nop = k.nop AND p.tahun = k.tahun
                         WHERE k.tahun = \(year)) AS payment
                 GROUP BY GROUPING SETS ((kelurahan_code, nop), (kelurahan_code, tanggal))
            ),
            summary AS (
                SELECT kelurahan_code, by_day, tanggal,
                       count(*) AS objek,
                       count(*) FILTER (WHERE coalesce(paid, 0) >= ketetapan) AS objek_lunas,
                       sum(ketetapan) AS ketetapan,
                       coalesce(sum(paid), 0) AS paid
                  FROM per_set
                 GROUP BY kelurahan_code, by_day, tanggal
            ),
            last_day AS (
                SELECT kelurahan_code, max(tanggal) AS as_of FROM summary WHERE by_day = 1 GROUP BY kelurahan_code
            ),
            daily AS (
                INSERT INTO agg_pbb_daily (city_code, year, region_code, tanggal, paid, ketetapan_change, source)
                SELECT \(city), \(year), kelurahan_code, tanggal, paid, 0, 'feed'
                  FROM summary WHERE by_day = 1 AND tanggal IS NOT NULL
                UNION ALL
                SELECT \(city), \(year), kelurahan_code, '-infinity', 0, ketetapan, 'feed'
                  FROM summary WHERE by_day = 0
            )
            INSERT INTO agg_pbb_region (city_code, year, region_code, level, parent_code, ketetapan, realisasi,
                                        objek, objek_lunas, as_of, source)
            SELECT \(city), \(year), o.kelurahan_code, 'kelurahan', kel.parent_code, o.ketetapan, o.paid,
                   o.objek, o.objek_lunas, last_day.as_of, 'feed'
              FROM summary o
              JOIN kel ON kel.code = o.kelurahan_code
              LEFT JOIN last_day ON last_day.kelurahan_code = o.kelurahan_code
             WHERE o.by_day = 0
            """)
    }

    /// Kelurahan without a feed: the `pbb` rows of the current submissions (for each `as_of`, the row
    /// of the most recently submitted one), each `as_of` a day whose change is the difference from the
    /// previous; the latest `as_of` gives the figures. Kelurahan with nothing get zeros.
    static func insertOtherKelurahan(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        let city = scope.cityCode, year = scope.year
        try connection.execute("""
            WITH cur AS (\(scope.currentDocuments)),
            kel AS (
                SELECT k.code, k.parent_code FROM (\(scope.kelurahan)) AS k
                 WHERE NOT EXISTS (SELECT FROM agg_pbb_region f
                                    WHERE \(scope.isThisCityYear("f")) AND f.region_code = k.code)
            ),
            reported AS (
                SELECT DISTINCT ON (p.kelurahan_code, p.as_of)
                       p.kelurahan_code, p.as_of, p.ketetapan, p.realisasi, p.objek, p.objek_lunas, p.submission_id
                  FROM cur
                  JOIN submission_pbb p ON p.submission_id = cur.id
                  JOIN kel ON kel.code = p.kelurahan_code
                 ORDER BY p.kelurahan_code, p.as_of, cur.submitted_at DESC, cur.id DESC
            ),
            timeline AS (
                SELECT reported.*,
                       realisasi - lag(realisasi, 1, 0::numeric) OVER w AS paid,
                       ketetapan - lag(ketetapan, 1, 0::numeric) OVER w AS ketetapan_change,
                       row_number() OVER (PARTITION BY kelurahan_code ORDER BY as_of DESC) AS recency
                  FROM reported
                WINDOW w AS (PARTITION BY kelurahan_code ORDER BY as_of)
            ),
            daily AS (
                INSERT INTO agg_pbb_daily (city_code, year, region_code, tanggal, paid, ketetapan_change, source)
                SELECT \(city), \(year), kelurahan_code, as_of, paid, ketetapan_change, 'submission' FROM timeline
            )
            INSERT INTO agg_pbb_region (city_code, year, region_code, level, parent_code, ketetapan, realisasi,
                                        objek, objek_lunas, as_of, source, submission_id)
            SELECT \(city), \(year), kel.code, 'kelurahan', kel.parent_code,
                   coalesce(t.ketetapan, 0), coalesce(t.realisasi, 0), t.objek, t.objek_lunas, t.as_of,
                   CASE WHEN t.kelurahan_code IS NOT NULL THEN 'submission' END, t.submission_id
              FROM kel LEFT JOIN timeline t ON t.kelurahan_code = kel.code AND t.recency = 1
            """)
    }

    /// Every kecamatan and the kota: sums of their kelurahan's rupiah (percentages are then one
    /// division of sums, never a mean of percentages).
    static func insertKecamatanAndKota(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        let city = scope.cityCode, year = scope.year
        try connection.execute("""
            INSERT INTO agg_pbb_region (city_code, year, region_code, level, parent_code, ketetapan, realisasi,
                                        objek, objek_lunas, as_of, source)
            SELECT \(city), \(year),
                   CASE WHEN GROUPING(kec.code) = 1 THEN \(city) ELSE kec.code END,
                   CASE WHEN GROUPING(kec.code) = 1 THEN 'kota' ELSE 'kecamatan' END,
                   CASE WHEN GROUPING(kec.code) = 1 THEN NULL ELSE \(city) END,
                   coalesce(sum(k.ketetapan), 0), coalesce(sum(k.realisasi), 0),
                   CASE WHEN bool_and(k.objek IS NOT NULL OR k.source IS NULL) THEN sum(k.objek) END,
                   CASE WHEN bool_and(k.objek_lunas IS NOT NULL OR k.source IS NULL) THEN sum(k.objek_lunas) END,
                   max(k.as_of),
                   CASE count(DISTINCT k.source) WHEN 0 THEN NULL WHEN 1 THEN min(k.source) ELSE 'mixed' END
              FROM (\(scope.kecamatan)) AS kec
              LEFT JOIN agg_pbb_region k
                ON \(scope.isThisCityYear("k")) AND k.level = 'kelurahan' AND k.parent_code = kec.code
             GROUP BY ROLLUP (kec.code)
            """)
    }

    /// The day each region reached 100% and stayed there: the first day, after the last day its
    /// cumulative realisasi was below its cumulative ketetapan, on which it was not. (Feed payments
    /// only add, so there it is simply the first day at 100%; a submission may correct downwards.)
    static func setLunasDates(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        let city = scope.cityCode
        try connection.execute("""
            WITH kel AS (
                SELECT region_code, parent_code FROM agg_pbb_region k
                 WHERE \(scope.isThisCityYear("k")) AND k.level = 'kelurahan'
            ),
            day AS (
                SELECT CASE GROUPING(kel.parent_code, d.region_code)
                           WHEN 0 THEN d.region_code WHEN 1 THEN kel.parent_code ELSE \(city) END AS region_code,
                       d.tanggal, sum(d.paid) AS paid, sum(d.ketetapan_change) AS ketetapan_change
                  FROM agg_pbb_daily d JOIN kel USING (region_code)
                 WHERE \(scope.isThisCityYear("d"))
                 GROUP BY GROUPING SETS ((d.tanggal, kel.parent_code, d.region_code), (d.tanggal, kel.parent_code), (d.tanggal))
            ),
            running AS (
                SELECT region_code, tanggal,
                       sum(ketetapan_change) OVER w > 0 AND sum(paid) OVER w >= sum(ketetapan_change) OVER w AS at_full
                  FROM day
                WINDOW w AS (PARTITION BY region_code ORDER BY tanggal)
            ),
            marked AS (
                SELECT region_code, tanggal, at_full,
                       max(tanggal) FILTER (WHERE NOT at_full) OVER (PARTITION BY region_code) AS last_short
                  FROM running
            ),
            reached AS (
                SELECT region_code,
                       min(tanggal) FILTER (WHERE at_full AND isfinite(tanggal)
                                              AND tanggal > coalesce(last_short, '-infinity'::date)) AS lunas_date
                  FROM marked GROUP BY region_code
            )
            UPDATE agg_pbb_region a SET lunas_date = reached.lunas_date
              FROM reached
             WHERE \(scope.isThisCityYear("a")) AND a.region_code = reached.region_code
               AND a.lunas_date IS DISTINCT FROM reached.lunas_date
            """)
    }
}
