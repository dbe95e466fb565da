-- Synthetic submissions for the recompute benchmark (recompute.sh), for every kecamatan of the city
-- :'city' in year :year: an annual report in 2 revisions and 3 quarters, each with 12 indicators,
-- 15 programs x 3 kegiatan x 4 sub kegiatan (some programs uncoded), belanja, awards for kelurahan;
-- and a Q2 PBB-only report from every 10th kelurahan. Inserted with SQL, as the submission store's
-- tables hold them (capaian rounded to 20 decimals, as SubmissionWriter stores it).
\set ON_ERROR_STOP 1

CREATE TEMP TABLE bench_doc AS
SELECT r.code AS region_code, p.period, v.revision
  FROM region r
 CROSS JOIN (VALUES ('Q1'), ('Q2'), ('Q3'), ('FY')) AS p (period)
 CROSS JOIN generate_series(1, 2) AS v (revision)
 WHERE r.parent_code = :'city' AND r.level = 3 AND (p.period = 'FY' OR v.revision = 1);

INSERT INTO submission (region_code, year, period, revision, format, document, document_sha256, city_code,
                        total_pagu, total_realisasi, submitted_at)
SELECT region_code, :year, period, revision, 'rekap.submission/v1', doc, sha256(doc), :'city',
       CASE WHEN period = 'FY' THEN 12000000000 END, CASE WHEN period = 'FY' THEN 11000000000 + revision * 1000000 END,
       now() - interval '1 day'
  FROM (SELECT *, convert_to('bench ' || region_code || ' ' || period || ' ' || revision, 'UTF8') AS doc FROM bench_doc) d;

INSERT INTO submission_indicator (submission_id, position, code, name, polarity, target, realisasi, capaian, predikat)
SELECT s.id, i - 1, 'IKU' || i, 'Indikator ' || i, CASE WHEN i % 6 = 0 THEN 'lower' ELSE 'higher' END,
       100, t.realisasi,
       round(CASE WHEN i % 6 = 0 THEN greatest(0, (200 - t.realisasi)) ELSE t.realisasi END, 20), NULL
  FROM submission s
 CROSS JOIN generate_series(1, 12) AS i
 CROSS JOIN LATERAL (SELECT (40 + (hashtext(s.region_code || i || s.period || s.revision) & 1023) / 10.0)::numeric AS realisasi) t
 WHERE s.city_code = :'city' AND s.year = :year;

-- Programs, kegiatan and sub kegiatan (ids come from the identity; parents found by position).
INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, pagu, realisasi)
SELECT s.id, NULL, 'program', g - 1, CASE WHEN g % 5 = 0 THEN NULL ELSE '7.01.' || lpad(g::text, 2, '0') END,
       CASE WHEN g % 5 = 0 THEN 'Program  Uji ' || g ELSE 'Program Uji ' || g END, NULL, NULL
  FROM submission s CROSS JOIN generate_series(1, 15) AS g
 WHERE s.city_code = :'city' AND s.year = :year;

INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, pagu, realisasi)
SELECT p.submission_id, p.id, 'kegiatan', 100 + p.position * 3 + g, NULL, 'Kegiatan ' || g, NULL, NULL
  FROM budget_line p JOIN submission s ON s.id = p.submission_id CROSS JOIN generate_series(1, 3) AS g
 WHERE s.city_code = :'city' AND s.year = :year AND p.level = 'program';

INSERT INTO budget_line (submission_id, parent_id, level, position, code, name, belanja, pagu, realisasi)
SELECT k.submission_id, k.id, 'sub_kegiatan', 1000 + k.position * 4 + g, NULL, 'Sub kegiatan ' || g,
       CASE WHEN g = 4 THEN 'modal' ELSE 'operasi' END,
       20000000 + (hashtext(k.id::text || g) & 65535) * 100,
       18000000 + (hashtext(k.id::text || g) & 32767) * 100
  FROM budget_line k JOIN submission s ON s.id = k.submission_id CROSS JOIN generate_series(1, 4) AS g
 WHERE s.city_code = :'city' AND s.year = :year AND k.level = 'kegiatan';

INSERT INTO submission_award (submission_id, position, region_code, title, place, label, level)
SELECT s.id, g - 1, s.region_code || '.' || (1000 + 1 + (hashtext(s.region_code || g) & 15)),
       'Lomba ' || g, CASE WHEN g <= 3 THEN g END, CASE WHEN g > 3 THEN 'Harapan ' || (g - 3) END, 'kota'
  FROM submission s CROSS JOIN generate_series(1, 5) AS g
 WHERE s.city_code = :'city' AND s.year = :year AND s.period = 'FY'
   AND EXISTS (SELECT FROM region r WHERE r.code = s.region_code || '.' || (1000 + 1 + (hashtext(s.region_code || g) & 15)));

-- Every 10th kelurahan sends a PBB-only Q2 report (its feed figures win over it).
WITH k AS (
    SELECT code, convert_to('bench pbb ' || code, 'UTF8') AS doc FROM region
     WHERE path <@ text2ltree(:'city') AND level = 4 AND right(code, 1) = '0'
), s AS (
    INSERT INTO submission (region_code, year, period, revision, format, document, document_sha256, city_code)
    SELECT code, :year, 'Q2', 1, 'rekap.submission/v1', doc, sha256(doc), :'city' FROM k
    RETURNING id, region_code
)
INSERT INTO submission_pbb (submission_id, position, kelurahan_code, ketetapan, realisasi, objek, objek_lunas, as_of)
SELECT id, 0, region_code, 1000000000, 500000000, 1000, 400, make_date(:year, 6, 30) FROM s;

ANALYZE;
