import PostgresLibPQ

/// PBB-P2 aggregates: `agg_pbb_region` and `agg_pbb_daily`.
///
/// The object-level feed is by far the largest input (millions of objects and payments at province
/// scale), so what comes from it (its kelurahan, and its part of each kecamatan's and the kota's days)
/// is computed in one pass and kept while no PBB load and no region change happened since
/// (`recomputeFeed: false`); everything else is rebuilt each time.
enum PBBAggregation {
    static func run(_ scope: ConsolidationScope, recomputeFeed: Bool, on connection: PGConnection) throws {
        if recomputeFeed {
            try scope.deleteRows(of: ["agg_pbb_daily", "agg_pbb_region"], on: connection)
            try insertFeed(scope, on: connection)
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
    }

    /// The CASE that names the region of a row grouped by GROUPING SETS ((kecamatan, kelurahan, …),
    /// (kecamatan, …), (…)): the kelurahan, its kecamatan, or the kota.
    static func rollupRegion(_ scope: ConsolidationScope, kecamatan: String, kelurahan: String) -> PGQuery {
        """
        CASE GROUPING(\(unsafeRaw: kecamatan), \(unsafeRaw: kelurahan))
            WHEN 0 THEN \(unsafeRaw: kelurahan) WHEN 1 THEN \(unsafeRaw: kecamatan) ELSE \(scope.cityCode) END
        """
    }

    /// The level ('kelurahan', 'kecamatan', 'kota') of a row grouped as for ``rollupRegion``.
    static func rollupLevel(kecamatan: String, kelurahan: String) -> PGQuery {
        """
        CASE GROUPING(\(unsafeRaw: kecamatan), \(unsafeRaw: kelurahan))
            WHEN 0 THEN 'kelurahan' WHEN 1 THEN 'kecamatan' ELSE 'kota' END
        """
    }

    /// The feed: one pass over the city's objects and their payments. A window per object gives what
    /// was paid toward it (lunas when that reaches its pokok) without grouping millions of objects; one
    /// aggregation then gives each kelurahan's figures and its payment days. Then the days as arrays
    /// for each kelurahan, kecamatan and the kota, and the feed kelurahan's figures.
    static func insertFeed(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        let city = scope.cityCode, year = scope.year
        // A kelurahan's kecamatan is its code's first 8 characters (PP.KK.CC): the registry enforces it.
        let kecamatanOf = "left(kelurahan_code, 8)"
        try connection.execute("""
            WITH summary AS (
                SELECT kelurahan_code, tanggal, GROUPING(tanggal) AS per_kelurahan,
                       count(*) FILTER (WHERE first) AS objek,
                       count(*) FILTER (WHERE first AND coalesce(object_paid, 0) >= ketetapan) AS objek_lunas,
                       sum(ketetapan) FILTER (WHERE first) AS ketetapan,
                       coalesce(sum(paid), 0) AS paid
                  FROM (SELECT k.kelurahan_code, k.pokok AS ketetapan, p.tanggal, p.pokok AS paid,
                               sum(p.pokok) OVER object AS object_paid, row_number() OVER object = 1 AS first
                          FROM pbb_ketetapan k
                          LEFT JOIN pbb_pembayaran p ON p.nop = k.nop AND p.tahun = k.tahun
                         -- Kelurahan codes begin with their city's code (a prefix test per row is
                         -- cheaper than a lookup); pbb_ketetapan only holds level-4 codes of the registry.
                         WHERE k.tahun = \(year) AND starts_with(k.kelurahan_code, \(city + "."))
                        WINDOW object AS (PARTITION BY k.nop)) AS payment
                 GROUP BY GROUPING SETS ((kelurahan_code), (kelurahan_code, tanggal))
            ),
            objects AS (
                SELECT \(unsafeRaw: kecamatanOf) AS kecamatan_code, kelurahan_code, objek, objek_lunas, ketetapan, paid
                  FROM summary WHERE per_kelurahan = 1
            ),
            -- Each kelurahan's days as they are; each kecamatan's and the kota's summed over their
            -- kelurahan. Hashed, not sorted: the arrays keep the days in no particular order.
            days AS (
                SELECT kelurahan_code AS region_code, array_agg(tanggal) AS tanggal, array_agg(paid) AS paid,
                       max(tanggal) AS last_day
                  FROM summary WHERE per_kelurahan = 0 AND tanggal IS NOT NULL
                 GROUP BY kelurahan_code
                UNION ALL
                SELECT region_code, array_agg(tanggal), array_agg(paid), max(tanggal)
                  FROM (SELECT CASE WHEN GROUPING(\(unsafeRaw: kecamatanOf)) = 1 THEN \(city) ELSE \(unsafeRaw: kecamatanOf) END
                                   AS region_code,
                               tanggal, sum(paid) AS paid
                          FROM summary WHERE per_kelurahan = 0 AND tanggal IS NOT NULL
                         GROUP BY GROUPING SETS ((\(unsafeRaw: kecamatanOf), tanggal), (tanggal))) AS day_sums
                 GROUP BY region_code
            ),
            bases AS (
                SELECT \(rollupRegion(scope, kecamatan: "kecamatan_code", kelurahan: "kelurahan_code")) AS region_code,
                       \(rollupLevel(kecamatan: "kecamatan_code", kelurahan: "kelurahan_code")) AS level,
                       sum(ketetapan) AS ketetapan
                  FROM objects
                 GROUP BY GROUPING SETS ((kecamatan_code, kelurahan_code), (kecamatan_code), ())
                HAVING count(*) > 0
            ),
            daily AS (
                INSERT INTO agg_pbb_daily (city_code, year, region_code, level, source, ketetapan_base, tanggal, paid)
                SELECT \(city), \(year), bases.region_code, bases.level, 'feed', bases.ketetapan,
                       coalesce(days.tanggal, '{}'), coalesce(days.paid, '{}')
                  FROM bases LEFT JOIN days ON days.region_code = bases.region_code
            )
            INSERT INTO agg_pbb_region (city_code, year, region_code, level, parent_code, ketetapan, realisasi,
                                        objek, objek_lunas, as_of, lunas_date, source)
            SELECT \(city), \(year), o.kelurahan_code, 'kelurahan', o.kecamatan_code, o.ketetapan, o.paid,
                   o.objek, o.objek_lunas, days.last_day,
                   -- Only a region at 100% on its last day has a lunas day: the others skip the walk.
                   CASE WHEN o.ketetapan > 0 AND o.paid >= o.ketetapan
                        THEN pbb_lunas_date(o.ketetapan, days.tanggal, days.paid, NULL) END,
                   'feed'
              FROM objects o LEFT JOIN days ON days.region_code = o.kelurahan_code
            """)
    }

    /// Kelurahan without a feed: the `pbb` rows of the current submissions (for each `as_of`, the row
    /// of the most recently submitted one), each `as_of` a day whose change is the difference from the
    /// previous; the latest `as_of` gives the figures. Kelurahan with nothing get zeros. Their days are
    /// also summed per kecamatan and for the kota (the submission part of those regions' days).
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
                       kel.parent_code AS kecamatan_code, p.kelurahan_code, p.as_of, p.ketetapan, p.realisasi,
                       p.objek, p.objek_lunas, p.submission_id
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
            day_sums AS (
                SELECT \(rollupRegion(scope, kecamatan: "kecamatan_code", kelurahan: "kelurahan_code")) AS region_code,
                       \(rollupLevel(kecamatan: "kecamatan_code", kelurahan: "kelurahan_code")) AS level,
                       as_of, sum(paid) AS paid, sum(ketetapan_change) AS ketetapan_change
                  FROM timeline
                 GROUP BY GROUPING SETS ((kecamatan_code, kelurahan_code, as_of), (kecamatan_code, as_of), (as_of))
            ),
            days AS (
                SELECT region_code, min(level) AS level, array_agg(as_of ORDER BY as_of) AS tanggal,
                       array_agg(paid ORDER BY as_of) AS paid, array_agg(ketetapan_change ORDER BY as_of) AS ketetapan_change
                  FROM day_sums GROUP BY region_code
            ),
            daily AS (
                INSERT INTO agg_pbb_daily (city_code, year, region_code, level, source, ketetapan_base, tanggal, paid,
                                           ketetapan_change)
                SELECT \(city), \(year), region_code, level, 'submission', 0, tanggal, paid, ketetapan_change FROM days
            )
            INSERT INTO agg_pbb_region (city_code, year, region_code, level, parent_code, ketetapan, realisasi,
                                        objek, objek_lunas, as_of, lunas_date, source, submission_id)
            SELECT \(city), \(year), kel.code, 'kelurahan', kel.parent_code,
                   coalesce(t.ketetapan, 0), coalesce(t.realisasi, 0), t.objek, t.objek_lunas, t.as_of,
                   CASE WHEN t.ketetapan > 0 AND t.realisasi >= t.ketetapan
                        THEN pbb_lunas_date(0, days.tanggal, days.paid, days.ketetapan_change) END,
                   CASE WHEN t.kelurahan_code IS NOT NULL THEN 'submission' END, t.submission_id
              FROM kel
              LEFT JOIN timeline t ON t.kelurahan_code = kel.code AND t.recency = 1
              LEFT JOIN days ON days.region_code = kel.code
            """)
    }

    /// Every kecamatan and the kota: sums of their kelurahan's rupiah (percentages are then one
    /// division of sums, never a mean of percentages); the lunas day from their days of both sources.
    static func insertKecamatanAndKota(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        let city = scope.cityCode, year = scope.year
        try connection.execute("""
            WITH sums AS (
                SELECT CASE WHEN GROUPING(kec.code) = 1 THEN \(city) ELSE kec.code END AS region_code,
                       CASE WHEN GROUPING(kec.code) = 1 THEN 'kota' ELSE 'kecamatan' END AS level,
                       CASE WHEN GROUPING(kec.code) = 1 THEN NULL ELSE \(city) END AS parent_code,
                       coalesce(sum(k.ketetapan), 0) AS ketetapan, coalesce(sum(k.realisasi), 0) AS realisasi,
                       CASE WHEN bool_and(k.objek IS NOT NULL OR k.source IS NULL) THEN sum(k.objek) END AS objek,
                       CASE WHEN bool_and(k.objek_lunas IS NOT NULL OR k.source IS NULL) THEN sum(k.objek_lunas) END
                           AS objek_lunas,
                       max(k.as_of) AS as_of,
                       CASE count(DISTINCT k.source) WHEN 0 THEN NULL WHEN 1 THEN min(k.source) ELSE 'mixed' END AS source
                  FROM (\(scope.kecamatan)) AS kec
                  LEFT JOIN agg_pbb_region k
                    ON \(scope.isThisCityYear("k")) AND k.level = 'kelurahan' AND k.parent_code = kec.code
                 GROUP BY ROLLUP (kec.code)
            ),
            parts AS (
                SELECT d.* FROM agg_pbb_daily d WHERE \(scope.isThisCityYear("d")) AND d.level <> 'kelurahan'
            ),
            merged AS (
                SELECT region_code, array_agg(day ORDER BY day) AS tanggal, array_agg(paid ORDER BY day) AS paid,
                       array_agg(ketetapan_change ORDER BY day) AS ketetapan_change
                  FROM (SELECT parts.region_code, u.day, sum(u.paid) AS paid, sum(coalesce(u.change, 0)) AS ketetapan_change
                          FROM parts, unnest(parts.tanggal, parts.paid, parts.ketetapan_change) AS u (day, paid, change)
                         GROUP BY parts.region_code, u.day) AS by_day
                 GROUP BY region_code
            ),
            bases AS (
                SELECT region_code, sum(ketetapan_base) AS ketetapan FROM parts GROUP BY region_code
            )
            INSERT INTO agg_pbb_region (city_code, year, region_code, level, parent_code, ketetapan, realisasi,
                                        objek, objek_lunas, as_of, lunas_date, source)
            SELECT \(city), \(year), sums.region_code, sums.level, sums.parent_code, sums.ketetapan, sums.realisasi,
                   sums.objek, sums.objek_lunas, sums.as_of,
                   CASE WHEN sums.ketetapan > 0 AND sums.realisasi >= sums.ketetapan
                        THEN pbb_lunas_date(bases.ketetapan, merged.tanggal, merged.paid, merged.ketetapan_change) END,
                   sums.source
              FROM sums
              LEFT JOIN bases ON bases.region_code = sums.region_code
              LEFT JOIN merged ON merged.region_code = sums.region_code
            """)
    }
}
