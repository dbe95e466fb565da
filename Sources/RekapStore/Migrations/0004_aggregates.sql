-- City-wide aggregates: what `rekap consolidate` computes and rankings and reports read.
--
-- Every table is keyed by (city_code, year) first. All of it is derived data: `Consolidator.recompute`
-- deletes a city/year's rows and inserts them again inside one transaction, so a reader sees the old
-- or the new figures, never a mix. Nothing here is entered by hand except the two settings tables.
--
-- Rupiah sums are plain `numeric` (a city's sum of amounts may pass the `rupiah` domain's bound);
-- ratios stored here (penyerapan, means, efisiensi) are for display and SQL consumers: rankings
-- compare the exact numerators and denominators instead, never these divided values.
--
-- No foreign keys to `region` on the derived rows: they are rewritten wholesale from rows that are
-- already checked, and a per-row check would cost more than the recompute itself at province scale.

-- ---------------------------------------------------------------------------------------------
-- Settings (entered by Bappeda; changing them makes the aggregates stale).

-- Per-city consolidation settings.
CREATE TABLE consolidation_setting (
    city_code    text PRIMARY KEY REFERENCES region (code),
    -- Each indicator's capaian counts at most this much in a kecamatan's mean capaian, so one
    -- indicator far over 100% cannot hide another one failing. NULL: no cap (the default).
    capaian_cap  numeric CHECK (capaian_cap > 0),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- A city's own predikat capaian scale for one year, overriding the default (LKjIP Tabel 3.2,
-- `RekapDomain.Scale.predikatCapaian`, which is the ONLY place the default bands are written: the
-- consolidator passes the effective scale to SQL as a parameter). Bands in `position` order, highest
-- threshold first; the last row has no comparison and no threshold: the label below every band.
-- Written through `ConsolidationSettings.setPredikatScale`, which checks the bands with `Scale`.
CREATE TABLE predikat_scale (
    city_code    text NOT NULL REFERENCES region (code),
    year         integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    position     integer NOT NULL CHECK (position >= 0),
    comparison   text CHECK (comparison IN ('>=', '>')),
    threshold    numeric,
    label        text NOT NULL CHECK (btrim(label) <> ''),
    PRIMARY KEY (city_code, year, position),
    CHECK ((comparison IS NULL) = (threshold IS NULL))
);

-- The label of `value` on a scale given as JSON
-- {"bands": [{"comparison": ">=", "threshold": "85", "label": "…"}, …], "otherwise": "…"}:
-- the first band (top down) that the value reaches, else `otherwise`; NULL for a NULL value.
-- The same rule as `Scale.label(for:)`; a test checks both agree on the band edges.
CREATE FUNCTION predikat_label(value numeric, scale jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN value IS NULL THEN NULL ELSE coalesce(
        (SELECT band ->> 'label'
           FROM jsonb_array_elements(scale -> 'bands') WITH ORDINALITY AS b (band, position)
          WHERE CASE band ->> 'comparison'
                    WHEN '>=' THEN value >= (band ->> 'threshold')::numeric
                    ELSE value > (band ->> 'threshold')::numeric
                END
          ORDER BY position
          LIMIT 1),
        scale ->> 'otherwise') END
$$;

-- ---------------------------------------------------------------------------------------------
-- Bookkeeping.

-- One row per city/year: when it was last recomputed and what it had seen, for staleness.
-- Counts, not only times: a submission or load that commits after the recompute read its inputs,
-- but stamped with an earlier time, still raises the count.
CREATE TABLE agg_run (
    city_code              text NOT NULL REFERENCES region (code),
    year                   integer NOT NULL,
    computed_at            timestamptz NOT NULL,
    -- Submissions of the city/year seen (every revision; submissions are never deleted).
    submissions_seen       bigint NOT NULL,
    -- The newest `submitted_at` among them.
    submissions_watermark  timestamptz,
    -- PBB-P2 loads seen (`pbb_load` rows, all cities) and the newest load time.
    pbb_loads_seen         bigint NOT NULL,
    pbb_watermark          timestamptz,
    -- Regions in the registry under the city (a new kelurahan changes every table).
    regions_seen           bigint NOT NULL,
    -- The settings used (cap and effective predikat scale), as text.
    settings_fingerprint   text NOT NULL,
    PRIMARY KEY (city_code, year)
);

-- ---------------------------------------------------------------------------------------------
-- PBB-P2.

-- Realisasi and ketetapan per kelurahan, kecamatan and the whole kota. Every kelurahan and kecamatan
-- of the city has a row (zeros and source NULL where nothing is known). Kecamatan and kota figures are
-- sums of rupiah (percentages are Σrealisasi ÷ Σketetapan, never means of percentages).
CREATE TABLE agg_pbb_region (
    city_code       text NOT NULL,
    year            integer NOT NULL,
    region_code     text NOT NULL,
    level           text NOT NULL CHECK (level IN ('kelurahan', 'kecamatan', 'kota')),
    -- The kecamatan of a kelurahan, the city of a kecamatan, NULL for the kota.
    parent_code     text,
    ketetapan       numeric NOT NULL,
    -- As of the last payment (feed) or the latest `as_of` (submission).
    realisasi       numeric NOT NULL,
    -- Tax objects, and those paid in full (what was paid toward them reaches their ketetapan).
    -- NULL where a submission did not give them (for a kecamatan: where any of its kelurahan with
    -- figures lacks them).
    objek           bigint,
    objek_lunas     bigint,
    -- The day of the last payment or `as_of`.
    as_of           date,
    -- The day the region reached 100% and stayed there; NULL where it has not.
    lunas_date      date,
    -- Where a kelurahan's figures come from: the object-level feed, or (only for kelurahan without a
    -- feed) `submission_pbb` rows; for a kecamatan or the kota 'mixed' when its kelurahan differ.
    source          text CHECK (source IN ('feed', 'submission', 'mixed')),
    -- For source 'submission': the submission whose latest `as_of` row is used.
    submission_id   bigint,
    PRIMARY KEY (city_code, year, region_code)
);
CREATE INDEX agg_pbb_region_level_idx ON agg_pbb_region (city_code, year, level);

-- Per-day changes of each region's figures, so a ranking `--as-of D` is a sum over the days ≤ D
-- rather than a rescan of payments. One row per region and source, the days as arrays (a province's
-- feed has ~450,000 kelurahan-days: as rows, their index alone made a recompute several times slower).
--
-- Feed rows: `ketetapan_base` is the assessed pokok, `paid` the pokok paid each day, no ketetapan
-- changes; a kecamatan's and the kota's feed row sum their feed kelurahan. Submission rows (kelurahan
-- without a feed): each `as_of` is a day, `paid` and `ketetapan_change` the change since the previous
-- `as_of` (a correction may be negative); kecamatan and kota submission rows sum those kelurahan.
-- A region's figures as of D: ketetapan_base + Σ ketetapan_change, and Σ paid, over days ≤ D and both
-- sources. `agg_pbb_daily_rows` shows one row per day.
CREATE TABLE agg_pbb_daily (
    city_code         text NOT NULL,
    year              integer NOT NULL,
    region_code       text NOT NULL,
    level             text NOT NULL CHECK (level IN ('kelurahan', 'kecamatan', 'kota')),
    source            text NOT NULL CHECK (source IN ('feed', 'submission')),
    ketetapan_base    numeric NOT NULL,
    -- No day twice, in no particular order; `paid` and `ketetapan_change` run alongside.
    tanggal           date[] NOT NULL,
    paid              numeric[] NOT NULL,
    -- NULL: no changes (the feed).
    ketetapan_change  numeric[],
    PRIMARY KEY (city_code, year, region_code, source),
    CHECK (cardinality(tanggal) = cardinality(paid)),
    CHECK (ketetapan_change IS NULL OR cardinality(ketetapan_change) = cardinality(tanggal))
);

-- Stored uncompressed: compressing a province's arrays took most of the time of writing them.
ALTER TABLE agg_pbb_daily
    ALTER COLUMN tanggal SET STORAGE EXTERNAL,
    ALTER COLUMN paid SET STORAGE EXTERNAL,
    ALTER COLUMN ketetapan_change SET STORAGE EXTERNAL;

CREATE VIEW agg_pbb_daily_rows AS
SELECT d.city_code, d.year, d.region_code, d.level, d.source, u.tanggal, u.paid,
       coalesce(u.ketetapan_change, 0) AS ketetapan_change
  FROM agg_pbb_daily d, unnest(d.tanggal, d.paid, d.ketetapan_change) AS u (tanggal, paid, ketetapan_change);

-- The day a region reached 100% and stayed there, from its days (as in agg_pbb_daily): the first day,
-- after the last day its cumulative realisasi was below its cumulative ketetapan, on which it was not;
-- NULL when it is below 100% on its last day or has no ketetapan. (Feed payments only add, so there
-- it is simply the first day at 100%; a submission may correct downwards.) A loop, not windows: it
-- runs for every kelurahan of a province, and a loop is twice as fast there.
CREATE FUNCTION pbb_lunas_date(ketetapan_base numeric, tanggal date[], paid numeric[], ketetapan_change numeric[])
RETURNS date LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    day date;
    amount numeric;
    change numeric;
    realised numeric := 0;
    assessed numeric := ketetapan_base;
    reached date;
BEGIN
    FOR day, amount, change IN SELECT * FROM unnest(tanggal, paid, ketetapan_change) AS u (d, p, c) ORDER BY d LOOP
        realised := realised + amount;
        assessed := assessed + coalesce(change, 0);
        IF assessed > 0 AND realised >= assessed THEN
            reached := coalesce(reached, day);
        ELSE
            reached := NULL;
        END IF;
    END LOOP;
    RETURN reached;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- IKU.
--
-- Each kecamatan's indicators come from its current (latest revision) annual report (FY) when that
-- carries indicators, else from its latest quarter that does.

CREATE TABLE agg_iku (
    city_code        text NOT NULL,
    year             integer NOT NULL,
    kecamatan_code   text NOT NULL,
    indicator_code   text NOT NULL,
    indicator_name   text NOT NULL,
    polarity         text NOT NULL,
    unit             text,
    period           text NOT NULL,
    submission_id    bigint NOT NULL,
    target           numeric NOT NULL,
    realisasi        numeric NOT NULL,
    -- As stored with the submission (computed by `Capaian`); NULL when it cannot be computed.
    capaian          numeric,
    predikat         text,
    PRIMARY KEY (city_code, year, kecamatan_code, indicator_code)
);

-- One row per kecamatan of the city (NULLs where it has no report with indicators).
CREATE TABLE agg_iku_kecamatan (
    city_code                   text NOT NULL,
    year                        integer NOT NULL,
    kecamatan_code              text NOT NULL,
    period                      text,
    submission_id               bigint,
    -- Indicators with a capaian, and those without (target 0).
    indicators                  integer NOT NULL,
    indicators_without_capaian  integer NOT NULL,
    -- The cap in force (consolidation_setting), and Σ min(capaian, cap) over the indicators.
    capaian_cap                 numeric,
    capaian_sum                 numeric,
    -- capaian_sum ÷ indicators, and its predikat.
    mean_capaian                numeric,
    predikat                    text,
    -- From agg_budget_total: penyerapan %, and efisiensi = mean capaian ÷ penyerapan (LKjIP Tabel
    -- 3.10; ≥ 1 is "efisien", see `Efisiensi`). NULL where either is unknown or penyerapan is 0.
    penyerapan                  numeric,
    efisiensi                   numeric,
    PRIMARY KEY (city_code, year, kecamatan_code)
);

-- One indicator across the city's kecamatan (over those with a capaian).
CREATE TABLE agg_iku_city (
    city_code        text NOT NULL,
    year             integer NOT NULL,
    indicator_code   text NOT NULL,
    -- The name most kecamatan use for the code.
    indicator_name   text NOT NULL,
    -- Kecamatan reporting the indicator with a capaian.
    reporting        integer NOT NULL,
    mean             numeric,
    median           numeric,
    min              numeric,
    max              numeric,
    PRIMARY KEY (city_code, year, indicator_code)
);

-- How many kecamatan fall in each predikat band, per indicator; every band of the scale in force
-- has a row (0 included), `position` in the scale's order (the label below all bands last).
CREATE TABLE agg_iku_predikat (
    city_code        text NOT NULL,
    year             integer NOT NULL,
    indicator_code   text NOT NULL,
    position         integer NOT NULL,
    predikat         text NOT NULL,
    kecamatan        integer NOT NULL,
    PRIMARY KEY (city_code, year, indicator_code, position)
);

-- ---------------------------------------------------------------------------------------------
-- Budget. From each kecamatan's current FY report when it has a budget, else its latest quarter
-- that does. A node's figure is the reported one when given, else the sum of its lines (as
-- `BudgetFigures`).

-- Programs per kecamatan, and per program across the city (region_code = the city, level 'kota').
-- Programs are matched across kecamatan by code; one without a code takes the code of the coded
-- programs with the same normalised name (lowercased, whitespace collapsed, 'program ' prefix
-- trimmed), else is keyed 'nama:' + that name.
CREATE TABLE agg_budget (
    city_code     text NOT NULL,
    year          integer NOT NULL,
    region_code   text NOT NULL,
    level         text NOT NULL CHECK (level IN ('kecamatan', 'kota')),
    program_key   text NOT NULL,
    program_code  text,
    program_name  text NOT NULL,
    -- Kecamatan contributing (1 at kecamatan level).
    kecamatan     integer NOT NULL,
    pagu          numeric NOT NULL,
    realisasi     numeric NOT NULL,
    sisa          numeric NOT NULL,
    -- realisasi ÷ pagu × 100; NULL when pagu is 0.
    penyerapan    numeric,
    PRIMARY KEY (city_code, year, region_code, program_key)
);

-- Budget totals: every kecamatan (NULLs where it has no budget) and the kota (sum of those that have).
CREATE TABLE agg_budget_total (
    city_code      text NOT NULL,
    year           integer NOT NULL,
    region_code    text NOT NULL,
    level          text NOT NULL CHECK (level IN ('kecamatan', 'kota')),
    period         text,
    submission_id  bigint,
    pagu           numeric,
    realisasi      numeric,
    sisa           numeric,
    penyerapan     numeric,
    PRIMARY KEY (city_code, year, region_code)
);

-- Totals by belanja type: reported (`budget.belanja`) when given, else the sum of the lines.
CREATE TABLE agg_budget_belanja (
    city_code     text NOT NULL,
    year          integer NOT NULL,
    region_code   text NOT NULL,
    level         text NOT NULL CHECK (level IN ('kecamatan', 'kota')),
    belanja       text NOT NULL,
    pagu          numeric NOT NULL,
    realisasi     numeric NOT NULL,
    penyerapan    numeric,
    PRIMARY KEY (city_code, year, region_code, belanja)
);

-- ---------------------------------------------------------------------------------------------
-- Awards: podium places per kelurahan (and kecamatan, when the award names one), from the current
-- revision of every report of the year. The same award (region, title, place, label, level, giver,
-- date) named in several reports counts once.
CREATE TABLE agg_awards (
    city_code    text NOT NULL,
    year         integer NOT NULL,
    region_code  text NOT NULL,
    level        text NOT NULL CHECK (level IN ('kelurahan', 'kecamatan')),
    gold         integer NOT NULL,
    silver       integer NOT NULL,
    bronze       integer NOT NULL,
    -- Awards without a podium place (Harapan, certificates).
    other        integer NOT NULL,
    PRIMARY KEY (city_code, year, region_code)
);

-- ---------------------------------------------------------------------------------------------
-- Completeness: every kecamatan and kelurahan of the city, every period; the current revision,
-- or NULLs where nothing was submitted.
CREATE TABLE agg_completeness (
    city_code      text NOT NULL,
    year           integer NOT NULL,
    region_code    text NOT NULL,
    level          text NOT NULL CHECK (level IN ('kelurahan', 'kecamatan')),
    period         text NOT NULL CHECK (period IN ('FY', 'Q1', 'Q2', 'Q3', 'Q4')),
    submission_id  bigint,
    revision       integer,
    submitted_at   timestamptz,
    PRIMARY KEY (city_code, year, region_code, period)
);
