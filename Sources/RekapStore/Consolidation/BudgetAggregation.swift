import PostgresLibPQ

/// Budget aggregates: `agg_budget` (programs), `agg_budget_belanja` and `agg_budget_total`, in one
/// statement (one snapshot of the submissions).
///
/// Each kecamatan's budget comes from its current FY report when that has a budget, else from its
/// latest quarter that has. A node's figure is the reported one when given, else the sum of its
/// lines (else 0), as `BudgetNodeFigures` computes it for a single submission. A program's pagu murni
/// is summed like its pagu over the kecamatan that report one (NULL when none does): a program absent
/// from the original budget has none and counts as 0, as in `FindingRules`.
enum BudgetAggregation {
    static let tables = ["agg_budget", "agg_budget_belanja", "agg_budget_total"]

    static func run(_ scope: ConsolidationScope, on connection: PGConnection) throws {
        let city = scope.cityCode, year = scope.year
        try connection.execute("""
            WITH cur AS (\(scope.currentDocuments)),
            chosen AS (
                SELECT DISTINCT ON (cur.region_code) cur.region_code, cur.id, cur.period,
                       s.total_pagu, s.total_realisasi
                  FROM cur
                  JOIN (\(scope.kecamatan)) AS kec ON kec.code = cur.region_code
                  JOIN submission s ON s.id = cur.id
                 WHERE s.total_pagu IS NOT NULL
                    OR EXISTS (SELECT FROM budget_line b WHERE b.submission_id = cur.id)
                    OR EXISTS (SELECT FROM submission_belanja b WHERE b.submission_id = cur.id)
                 ORDER BY cur.region_code, cur.finality DESC
            ),
            -- Joins on the base tables (not on CTEs, whose row estimates mislead the planner into
            -- nested loops over thousands of lines).
            kegiatan_figures AS (
                SELECT k.parent_id AS program_id,
                       coalesce(k.pagu, sum(s.pagu), 0) AS pagu,
                       coalesce(k.realisasi, sum(s.realisasi), 0) AS realisasi
                  FROM budget_line k
                  LEFT JOIN budget_line s ON s.parent_id = k.id
                 WHERE k.submission_id IN (SELECT id FROM chosen) AND k.level = 'kegiatan'
                 GROUP BY k.id
            ),
            program AS (
                SELECT chosen.region_code AS kecamatan_code, p.submission_id, p.code, p.name, p.pagu_murni,
                       coalesce(p.pagu, sum(kf.pagu), 0) AS pagu,
                       coalesce(p.realisasi, sum(kf.realisasi), 0) AS realisasi,
                       regexp_replace(btrim(regexp_replace(lower(p.name), '\\s+', ' ', 'g')), '^program ', '') AS normalised
                  FROM chosen
                  JOIN budget_line p ON p.submission_id = chosen.id AND p.level = 'program'
                  LEFT JOIN kegiatan_figures kf ON kf.program_id = p.id
                 GROUP BY chosen.region_code, p.id
            ),
            -- A program without a code takes the code that coded programs of the same name carry
            -- (when they agree on one: their least and greatest code are the same).
            keyed AS (
                SELECT program.*,
                       coalesce(code,
                                CASE WHEN min(code) OVER same_name = max(code) OVER same_name THEN min(code) OVER same_name END,
                                'nama:' || normalised) AS program_key
                  FROM program
                WINDOW same_name AS (PARTITION BY normalised)
            ),
            programs AS (
                INSERT INTO agg_budget (city_code, year, region_code, level, program_key, program_code, program_name,
                                        kecamatan, pagu_murni, pagu, realisasi, sisa, penyerapan)
                SELECT \(city), \(year),
                       CASE WHEN GROUPING(kecamatan_code) = 1 THEN \(city) ELSE kecamatan_code END,
                       CASE WHEN GROUPING(kecamatan_code) = 1 THEN 'kota' ELSE 'kecamatan' END,
                       program_key, min(code), mode() WITHIN GROUP (ORDER BY name),
                       count(DISTINCT kecamatan_code), sum(pagu_murni), sum(pagu), sum(realisasi), sum(pagu) - sum(realisasi),
                       sum(realisasi) * 100 / nullif(sum(pagu), 0)
                  FROM keyed
                 GROUP BY GROUPING SETS ((kecamatan_code, program_key), (program_key))
            ),
            belanja_reported AS (
                SELECT chosen.region_code AS kecamatan_code, b.belanja, b.pagu, b.realisasi
                  FROM chosen JOIN submission_belanja b ON b.submission_id = chosen.id
            ),
            belanja_lines AS (
                SELECT chosen.region_code AS kecamatan_code, l.belanja, sum(l.pagu) AS pagu, sum(l.realisasi) AS realisasi
                  FROM chosen
                  JOIN budget_line l ON l.submission_id = chosen.id AND l.level = 'sub_kegiatan' AND l.belanja IS NOT NULL
                 GROUP BY chosen.region_code, l.belanja
            ),
            belanja AS (
                SELECT coalesce(r.kecamatan_code, l.kecamatan_code) AS kecamatan_code, coalesce(r.belanja, l.belanja) AS belanja,
                       coalesce(r.pagu, l.pagu) AS pagu, coalesce(r.realisasi, l.realisasi) AS realisasi
                  FROM belanja_reported r
                  FULL JOIN belanja_lines l ON l.kecamatan_code = r.kecamatan_code AND l.belanja = r.belanja
            ),
            belanja_rows AS (
                INSERT INTO agg_budget_belanja (city_code, year, region_code, level, belanja, pagu, realisasi, penyerapan)
                SELECT \(city), \(year),
                       CASE WHEN GROUPING(kecamatan_code) = 1 THEN \(city) ELSE kecamatan_code END,
                       CASE WHEN GROUPING(kecamatan_code) = 1 THEN 'kota' ELSE 'kecamatan' END,
                       belanja, sum(pagu), sum(realisasi), sum(realisasi) * 100 / nullif(sum(pagu), 0)
                  FROM belanja
                 GROUP BY GROUPING SETS ((kecamatan_code, belanja), (belanja))
            ),
            program_sum AS (
                SELECT kecamatan_code, sum(pagu) AS pagu, sum(realisasi) AS realisasi FROM program GROUP BY kecamatan_code
            ),
            total AS (
                SELECT chosen.region_code, chosen.id, chosen.period,
                       coalesce(chosen.total_pagu, program_sum.pagu, 0) AS pagu,
                       coalesce(chosen.total_realisasi, program_sum.realisasi, 0) AS realisasi
                  FROM chosen LEFT JOIN program_sum ON program_sum.kecamatan_code = chosen.region_code
            )
            INSERT INTO agg_budget_total (city_code, year, region_code, level, period, submission_id,
                                          pagu, realisasi, sisa, penyerapan)
            SELECT \(city), \(year),
                   CASE WHEN GROUPING(kec.code) = 1 THEN \(city) ELSE kec.code END,
                   CASE WHEN GROUPING(kec.code) = 1 THEN 'kota' ELSE 'kecamatan' END,
                   CASE WHEN GROUPING(kec.code) = 0 THEN min(total.period) END,
                   CASE WHEN GROUPING(kec.code) = 0 THEN min(total.id) END,
                   sum(total.pagu), sum(total.realisasi), sum(total.pagu) - sum(total.realisasi),
                   sum(total.realisasi) * 100 / nullif(sum(total.pagu), 0)
              FROM (\(scope.kecamatan)) AS kec
              LEFT JOIN total ON total.region_code = kec.code
             GROUP BY ROLLUP (kec.code)
            """)
    }
}
