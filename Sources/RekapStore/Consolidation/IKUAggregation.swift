import PostgresLibPQ

/// IKU aggregates: `agg_iku`, `agg_iku_city`, `agg_iku_predikat` and `agg_iku_kecamatan`.
///
/// Capaian is the one stored with each indicator (computed by `Capaian` when it was submitted);
/// predikat is given here by the city's scale in force for the year.
enum IKUAggregation {
    static let tables = ["agg_iku", "agg_iku_city", "agg_iku_predikat", "agg_iku_kecamatan"]

    /// Per-indicator rows and the city statistics (run before the budget).
    static func runIndicators(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        try insertIndicators(scope, on: connection)
        try insertCityStatistics(scope, on: connection)
        try insertPredikatCounts(scope, on: connection)
    }

    /// Each kecamatan's indicators, from its current FY report when that has indicators, else its
    /// latest quarter that has.
    static func insertIndicators(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        try connection.execute("""
            WITH cur AS (\(scope.currentDocuments)),
            chosen AS (
                SELECT DISTINCT ON (cur.region_code) cur.region_code, cur.id, cur.period
                  FROM cur JOIN (\(scope.kecamatan)) AS kec ON kec.code = cur.region_code
                 WHERE EXISTS (SELECT FROM submission_indicator i WHERE i.submission_id = cur.id)
                 ORDER BY cur.region_code, cur.finality DESC
            )
            INSERT INTO agg_iku (city_code, year, kecamatan_code, indicator_code, indicator_name, polarity, unit,
                                 period, submission_id, target, realisasi, capaian, predikat)
            SELECT \(scope.cityCode), \(scope.year), chosen.region_code, i.code, i.name, i.polarity, i.unit,
                   chosen.period, chosen.id, i.target, i.realisasi, i.capaian,
                   predikat_label(i.capaian, \(scope.predikatScale))
              FROM chosen JOIN submission_indicator i ON i.submission_id = chosen.id
            """)
    }

    /// One indicator across the kecamatan: mean, exact median (the mean of the two middle values
    /// for an even count), min and max over those with a capaian. The city's row is named by what
    /// the kecamatan's names share once each drops its own region name (`iku_city_indicator_name`,
    /// migration 0010), never after one kecamatan; by the code when they share nothing.
    static func insertCityStatistics(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        try connection.execute("""
            INSERT INTO agg_iku_city (city_code, year, indicator_code, indicator_name, reporting, mean, median, min, max)
            SELECT \(scope.cityCode), \(scope.year), indicator_code,
                   iku_city_indicator_name(indicator_code, array_agg(indicator_name), array_agg(region_name)),
                   count(capaian), avg(capaian),
                   avg(capaian) FILTER (WHERE place IN ((reporting + 1) / 2, (reporting + 2) / 2)),
                   min(capaian), max(capaian)
              FROM (SELECT a.indicator_code, a.indicator_name, r.name AS region_name, a.capaian,
                           row_number() OVER (PARTITION BY a.indicator_code ORDER BY a.capaian) AS place,
                           count(a.capaian) OVER (PARTITION BY a.indicator_code) AS reporting
                      FROM agg_iku a LEFT JOIN region r ON r.code = a.kecamatan_code
                     WHERE \(scope.isThisCityYear("a"))) AS ordered
             GROUP BY indicator_code
            """)
    }

    /// Kecamatan per predikat band for each indicator, every band listed (0 included).
    static func insertPredikatCounts(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        try connection.execute("""
            WITH scale AS (SELECT \(scope.predikatScale) AS s),
            band AS (
                SELECT (b.position - 1)::integer AS position, b.band ->> 'label' AS label
                  FROM scale, jsonb_array_elements(scale.s -> 'bands') WITH ORDINALITY AS b (band, position)
                UNION ALL
                SELECT jsonb_array_length(scale.s -> 'bands'), scale.s ->> 'otherwise' FROM scale
            )
            INSERT INTO agg_iku_predikat (city_code, year, indicator_code, position, predikat, kecamatan)
            SELECT \(scope.cityCode), \(scope.year), c.indicator_code, band.position, band.label, count(a.kecamatan_code)
              FROM agg_iku_city c
             CROSS JOIN band
              LEFT JOIN agg_iku a
                ON \(scope.isThisCityYear("a")) AND a.indicator_code = c.indicator_code AND a.predikat = band.label
             WHERE \(scope.isThisCityYear("c"))
             GROUP BY c.indicator_code, band.position, band.label
            """)
    }

    /// Every kecamatan's mean capaian across its indicators, each counted at most the cap when one is
    /// set, and efisiensi against its budget's penyerapan (run after the budget).
    static func runKecamatan(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        try connection.execute("""
            INSERT INTO agg_iku_kecamatan (city_code, year, kecamatan_code, period, submission_id, indicators,
                                           indicators_without_capaian, capaian_cap, capaian_sum, mean_capaian,
                                           predikat, penyerapan, efisiensi)
            SELECT \(scope.cityCode), \(scope.year), code, period, submission_id, indicators,
                   listed - indicators, cap, capaian_sum, mean_capaian,
                   predikat_label(mean_capaian, \(scope.predikatScale)),
                   penyerapan,
                   -- mean ÷ penyerapan = (Σ ÷ n) ÷ (realisasi × 100 ÷ pagu), as one division.
                   CASE WHEN indicators > 0 AND pagu > 0 AND realisasi > 0
                        THEN capaian_sum * pagu / (indicators * realisasi * 100) END
              FROM (SELECT kec.code, min(a.period) AS period, min(a.submission_id) AS submission_id,
                           count(a.capaian)::integer AS indicators, count(a.indicator_code)::integer AS listed,
                           \(scope.capaianCap) AS cap,
                           -- least() skips NULLs, so a missing capaian must not become the cap.
                           sum(CASE WHEN a.capaian IS NOT NULL THEN least(a.capaian, \(scope.capaianCap)) END) AS capaian_sum,
                           sum(CASE WHEN a.capaian IS NOT NULL THEN least(a.capaian, \(scope.capaianCap)) END)
                               / nullif(count(a.capaian), 0) AS mean_capaian,
                           t.pagu, t.realisasi, t.penyerapan
                      FROM (\(scope.kecamatan)) AS kec
                      LEFT JOIN agg_iku a ON \(scope.isThisCityYear("a")) AND a.kecamatan_code = kec.code
                      LEFT JOIN agg_budget_total t ON \(scope.isThisCityYear("t")) AND t.region_code = kec.code
                     GROUP BY kec.code, t.pagu, t.realisasi, t.penyerapan) AS k
            """)
    }
}
