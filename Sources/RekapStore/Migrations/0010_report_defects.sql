-- Defects users saw in the city report and the registry (issue "house in order"), fixed without
-- touching the applied migrations 0001-0007.

-- ---------------------------------------------------------------------------------------------
-- Region codes: one rule, the one `RegionCode` applies. 0001's pattern checked the shape only and
-- let through codes RegionCode refuses: an all-zero segment ("00", "14.00", "14.72.02.0000") and a
-- 4th segment not starting with 1 (kelurahan), 2 (desa) or 3 (desa adat). A 4th segment starting
-- with 1-3 is never all zeros, so its pattern needs no separate zero test.
ALTER TABLE region DROP CONSTRAINT region_code_check;
ALTER TABLE region ADD CONSTRAINT region_code_check CHECK (
    code ~ '^(0[1-9]|[1-9][0-9])(\.(0[1-9]|[1-9][0-9])(\.(0[1-9]|[1-9][0-9])(\.[1-3][0-9]{3})?)?)?$');

-- ---------------------------------------------------------------------------------------------
-- Reverts are revisions. The byte-identical rule compares with the latest revision of the same
-- region, year and period only (contract §1): sending back an earlier revision's bytes stores a new
-- revision, which this constraint refused. `SubmissionWriter` applies the rule under the revision lock.
ALTER TABLE submission DROP CONSTRAINT submission_region_code_year_period_document_sha256_key;

-- ---------------------------------------------------------------------------------------------
-- Pagu murni (the allocation before the mid-year amendment) per program, summed like pagu over the
-- kecamatan that report it; NULL where none does. A program absent from the original budget has no
-- pagu_murni and counts as 0, as in `FindingRules`.
ALTER TABLE agg_budget ADD COLUMN pagu_murni numeric;

-- ---------------------------------------------------------------------------------------------
-- Which region level owes which period: a city setting beside the capaian cap. NULL: the default,
-- which `ReportingObligations.default` gives (kecamatan owe FY and Q1-Q4, kelurahan and desa owe
-- nothing); the consolidator passes the effective periods to SQL, so SQL holds no copy of it.
ALTER TABLE consolidation_setting
    ADD COLUMN kecamatan_periods text[] CHECK (kecamatan_periods <@ ARRAY['FY', 'Q1', 'Q2', 'Q3', 'Q4']),
    ADD COLUMN kelurahan_periods text[] CHECK (kelurahan_periods <@ ARRAY['FY', 'Q1', 'Q2', 'Q3', 'Q4']);

-- Whether the region owes the period (an unsubmitted cell that is not owed is not "missing"), and the
-- day the current revision was signed (`signed.date`), shown beside the day it was stored.
ALTER TABLE agg_completeness
    ADD COLUMN owed boolean NOT NULL DEFAULT true,
    ADD COLUMN signed_date date;

-- ---------------------------------------------------------------------------------------------
-- The name of an indicator across a city. Kecamatan name the same code after themselves
-- ("Indeks Kepuasan Masyarakat Kewilayahan Kecamatan Bukit Kapur"), so the most common name named
-- the city's row after one kecamatan. The city's name: each name without its region's own name at
-- the end, then the words all of them begin with, without trailing level words ("Kecamatan",
-- "Kelurahan", "Kec.", "Kel.", "Desa"); the code when nothing is left. Words compare exactly;
-- the result does not depend on the order of the names.
CREATE FUNCTION iku_city_indicator_name(code text, names text[], region_names text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH own AS (
        SELECT CASE WHEN btrim(coalesce(r, '')) <> ''
                         AND right(lower(btrim(n)), length(btrim(r)) + 1) = ' ' || lower(btrim(r))
                    THEN left(btrim(n), length(btrim(n)) - length(btrim(r)) - 1)
                    ELSE btrim(n) END AS name
          FROM unnest(names, region_names) AS u (n, r)
    ), word AS (
        SELECT w.pos, w.word
          FROM own, regexp_split_to_table(btrim(own.name), '\s+') WITH ORDINALITY AS w (word, pos)
         WHERE btrim(own.name) <> ''
    ), place AS (
        SELECT pos, min(word) AS word, count(*) = cardinality(names) AND min(word) = max(word) AS shared
          FROM word GROUP BY pos
    ), prefix AS (
        SELECT string_agg(word, ' ' ORDER BY pos) AS words
          FROM place
         WHERE pos < coalesce((SELECT min(pos) FROM place WHERE NOT shared), 'Infinity'::numeric)
    )
    SELECT coalesce(nullif(btrim(regexp_replace(' ' || words, '(\s+(kecamatan|kelurahan|kec\.?|kel\.?|desa))+$', '', 'i')), ''), code)
      FROM prefix
$$;
