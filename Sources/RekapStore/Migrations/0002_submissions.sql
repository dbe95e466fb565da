-- Submissions: every accepted revision of a region's report, its original bytes, the facts
-- parsed from it and the findings attached to it. Nothing here is ever updated in place: a
-- correction is a new revision.
--
-- The schema enforces what it can itself (regions exist, amounts are non-negative with at most
-- 2 decimals and below 10^18, allowed values, unique codes per level), so that a bug in the Swift
-- code cannot store what the contract forbids.

-- Rupiah: non-negative, at most 2 decimals, below 10^18 (contract §1).
-- Over plain numeric, not numeric(20, 2): a typmod would round 1.005 to 1.01 before any CHECK
-- sees it, silently storing a figure nobody reported. "1.50" (2 decimals in value) is accepted.
CREATE DOMAIN rupiah AS numeric
    CHECK (VALUE >= 0 AND VALUE < 1000000000000000000 AND VALUE = round(VALUE, 2));

CREATE TABLE submission (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_code       text NOT NULL REFERENCES region (code),
    year              integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    period            text NOT NULL CHECK (period IN ('FY', 'Q1', 'Q2', 'Q3', 'Q4')),
    revision          integer NOT NULL CHECK (revision >= 1),
    format            text NOT NULL,
    document          bytea NOT NULL,
    document_sha256   bytea NOT NULL CHECK (length(document_sha256) = 32),
    submitted_at      timestamptz NOT NULL DEFAULT now(),
    -- The city (level 2) the region lies in: what consolidation is keyed by.
    city_code         text NOT NULL REFERENCES region (code),
    signed_by         text,
    signed_nip        text,
    signed_role       text,
    signed_date       date,
    total_pagu_murni  rupiah,
    total_pagu        rupiah,
    total_realisasi   rupiah,
    UNIQUE (region_code, year, period, revision),
    -- A byte-identical document is the same submission, never a new revision.
    UNIQUE (region_code, year, period, document_sha256),
    CHECK (city_code = substr(region_code, 1, 5)),
    CHECK (document_sha256 = sha256(document))
);
CREATE INDEX submission_city_year_idx ON submission (city_code, year, period);

CREATE TABLE submission_indicator (
    submission_id     bigint NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 0),
    code              text NOT NULL CHECK (code <> ''),
    name              text NOT NULL,
    sasaran           text,
    unit              text,
    polarity          text NOT NULL CHECK (polarity IN ('higher', 'lower')),
    target            numeric NOT NULL,
    realisasi         numeric NOT NULL,
    reported_capaian  numeric,
    renstra_target    numeric,
    -- Computed by rekap; NULL when it cannot be computed (a target of 0).
    capaian           numeric,
    predikat          text,
    PRIMARY KEY (submission_id, position),
    UNIQUE (submission_id, code)
);

-- The budget tree: program -> kegiatan -> sub kegiatan, one table with a parent link.
CREATE TABLE budget_line (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    submission_id     bigint NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    parent_id         bigint REFERENCES budget_line (id) ON DELETE CASCADE,
    level             text NOT NULL CHECK (level IN ('program', 'kegiatan', 'sub_kegiatan')),
    position          integer NOT NULL CHECK (position >= 0),
    code              text CHECK (code <> ''),
    name              text NOT NULL,
    sumber_dana       text,
    belanja           text CHECK (belanja IN ('operasi', 'modal', 'tidak_terduga', 'transfer')),
    kelurahan_code    text REFERENCES region (code),
    pagu_murni        rupiah,
    pagu              rupiah,
    realisasi         rupiah,
    CHECK ((level = 'program') = (parent_id IS NULL)),
    CHECK (level = 'sub_kegiatan' OR (belanja IS NULL AND kelurahan_code IS NULL)),
    CHECK (level <> 'sub_kegiatan' OR (pagu IS NOT NULL AND realisasi IS NOT NULL))
);
CREATE INDEX budget_line_submission_idx ON budget_line (submission_id, level);
CREATE INDEX budget_line_parent_idx ON budget_line (parent_id);
-- Codes are optional, but unique within their level when given.
CREATE UNIQUE INDEX budget_line_program_code_key ON budget_line (submission_id, code)
    WHERE level = 'program' AND code IS NOT NULL;
CREATE UNIQUE INDEX budget_line_child_code_key ON budget_line (parent_id, code)
    WHERE level <> 'program' AND code IS NOT NULL;

-- Totals by belanja type, as the office reported them.
CREATE TABLE submission_belanja (
    submission_id     bigint NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    belanja           text NOT NULL CHECK (belanja IN ('operasi', 'modal', 'tidak_terduga', 'transfer')),
    pagu              rupiah NOT NULL,
    realisasi         rupiah NOT NULL,
    PRIMARY KEY (submission_id, belanja)
);

-- Per-kelurahan PBB-P2 figures reported inside a submission (contract §1 `pbb`).
CREATE TABLE submission_pbb (
    submission_id     bigint NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 0),
    kelurahan_code    text NOT NULL REFERENCES region (code),
    ketetapan         rupiah NOT NULL,
    realisasi         rupiah NOT NULL,
    objek             integer CHECK (objek >= 0),
    objek_lunas       integer CHECK (objek_lunas >= 0),
    as_of             date NOT NULL,
    PRIMARY KEY (submission_id, position),
    UNIQUE (submission_id, kelurahan_code, as_of)
);

CREATE TABLE submission_award (
    submission_id     bigint NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 0),
    region_code       text NOT NULL REFERENCES region (code),
    title             text NOT NULL,
    place             smallint CHECK (place BETWEEN 1 AND 3),
    label             text,
    level             text NOT NULL CHECK (level IN ('kelurahan', 'kecamatan', 'kota', 'provinsi', 'nasional')),
    given_by          text,
    award_date        date,
    PRIMARY KEY (submission_id, position)
);

CREATE TABLE submission_finding (
    submission_id     bigint NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 0),
    severity          text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    rule              text NOT NULL,
    pointer           text NOT NULL,
    message           text NOT NULL,
    PRIMARY KEY (submission_id, position)
);
