-- Plan documents (contract §1.2, issue #12): every accepted revision of a region's Renstra and
-- Perjanjian Kinerja (PK), its original bytes, the facts parsed from it and its own findings; and
-- the findings across documents (§1.3), each naming both documents. Kept like submissions
-- (0002): nothing is updated in place, a correction is a new revision, the schema enforces what it
-- can itself.

-- One table for both kinds, so one revision rule serves both. Ids come from submission's own
-- sequence: a stored document's id names one document whatever its kind (`rekap submissions show ID`,
-- `GET /v1/submissions/{id}`). A document's key:
-- a Renstra's (region, from, to); a PK's (region, year, murni|perubahan), stored with
-- year_from = year_to = its year.
CREATE TABLE plan_document (
    id                bigint PRIMARY KEY DEFAULT nextval('submission_id_seq'),
    region_code       text NOT NULL REFERENCES region (code),
    kind              text NOT NULL CHECK (kind IN ('renstra', 'pk_murni', 'pk_perubahan')),
    year_from         integer NOT NULL CHECK (year_from BETWEEN 1900 AND 2999),
    year_to           integer NOT NULL CHECK (year_to BETWEEN 1900 AND 2999),
    revision          integer NOT NULL CHECK (revision >= 1),
    format            text NOT NULL,
    document          bytea NOT NULL,
    document_sha256   bytea NOT NULL CHECK (length(document_sha256) = 32),
    submitted_at      timestamptz NOT NULL DEFAULT now(),
    -- The city (level 2) the region lies in, as on submission.
    city_code         text NOT NULL REFERENCES region (code),
    -- A PK's signature (the date is optional: "Januari 2023" has no day) and the total it prints.
    signed_date       date,
    signed_first_name text,
    signed_first_nip  text,
    signed_first_jabatan text,
    signed_second_name text,
    signed_second_jabatan text,
    total             rupiah,
    UNIQUE (region_code, kind, year_from, year_to, revision),
    CHECK (city_code = substr(region_code, 1, 5)),
    CHECK (document_sha256 = sha256(document)),
    -- Contract §1.2: a Renstra spans at most 5 years (to − from ≤ 5); a PK is one year.
    CHECK (CASE kind WHEN 'renstra' THEN year_to - year_from BETWEEN 0 AND 5
                     ELSE year_to = year_from END),
    CHECK (kind <> 'renstra' OR (total IS NULL AND signed_date IS NULL))
);
CREATE INDEX plan_document_city_year_idx ON plan_document (city_code, year_from, year_to);
CREATE INDEX plan_document_region_idx ON plan_document (region_code, year_from, year_to);

-- Renstra: indicators and their targets per year.
CREATE TABLE renstra_indicator (
    plan_id           bigint NOT NULL REFERENCES plan_document (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 0),
    code              text CHECK (code <> ''),
    name              text NOT NULL,
    sasaran           text,
    unit              text,
    polarity          text NOT NULL CHECK (polarity IN ('higher', 'lower')),
    formula           text,
    baseline_year     integer,
    baseline_value    numeric,
    PRIMARY KEY (plan_id, position)
);
CREATE UNIQUE INDEX renstra_indicator_code_key ON renstra_indicator (plan_id, code) WHERE code IS NOT NULL;

CREATE TABLE renstra_target (
    plan_id           bigint NOT NULL,
    indicator_position integer NOT NULL,
    year              integer NOT NULL,
    target            numeric NOT NULL,
    PRIMARY KEY (plan_id, indicator_position, year),
    FOREIGN KEY (plan_id, indicator_position) REFERENCES renstra_indicator (plan_id, position) ON DELETE CASCADE
);

-- PK: indicators with the year's target and the rencana aksi quarterly targets (cumulative).
CREATE TABLE pk_indicator (
    plan_id           bigint NOT NULL REFERENCES plan_document (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 0),
    code              text CHECK (code <> ''),
    name              text NOT NULL,
    sasaran           text,
    unit              text,
    polarity          text CHECK (polarity IN ('higher', 'lower')),
    target            numeric NOT NULL,
    target_q1         numeric,
    target_q2         numeric,
    target_q3         numeric,
    target_q4         numeric,
    PRIMARY KEY (plan_id, position)
);
CREATE UNIQUE INDEX pk_indicator_code_key ON pk_indicator (plan_id, code) WHERE code IS NOT NULL;

-- PK attachment: programs and the kegiatan or sub kegiatan lines under them, amounts as printed.
CREATE TABLE pk_program (
    plan_id           bigint NOT NULL REFERENCES plan_document (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 0),
    code              text CHECK (code <> ''),
    name              text NOT NULL,
    sumber_dana       text,
    anggaran          rupiah,
    PRIMARY KEY (plan_id, position)
);
CREATE UNIQUE INDEX pk_program_code_key ON pk_program (plan_id, code) WHERE code IS NOT NULL;

CREATE TABLE pk_line (
    plan_id           bigint NOT NULL,
    program_position  integer NOT NULL,
    position          integer NOT NULL CHECK (position >= 0),
    code              text CHECK (code <> ''),
    name              text NOT NULL,
    anggaran          rupiah,
    PRIMARY KEY (plan_id, program_position, position),
    FOREIGN KEY (plan_id, program_position) REFERENCES pk_program (plan_id, position) ON DELETE CASCADE
);
CREATE UNIQUE INDEX pk_line_code_key ON pk_line (plan_id, program_position, code) WHERE code IS NOT NULL;

-- A plan document's own findings (the PK total against its programs, unknown keys), as submission_finding.
CREATE TABLE plan_finding (
    plan_id           bigint NOT NULL REFERENCES plan_document (id) ON DELETE CASCADE,
    position          integer NOT NULL CHECK (position >= 0),
    severity          text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    rule              text NOT NULL,
    pointer           text NOT NULL,
    message           text NOT NULL,   -- English (the API's and the CLI's)
    message_id        text NOT NULL,   -- Bahasa Indonesia (what pages show by default)
    PRIMARY KEY (plan_id, position)
);

-- ---------------------------------------------------------------------------------------------
-- Findings across documents (§1.3). The set of one region and year is replaced whole whenever any
-- document involved is stored or revised (`CrossFindingEvaluation`, under an advisory lock per region
-- and year), so the rows always describe the latest revisions. Each side names its document: the kind
-- ('report' with its period, 'renstra', 'pk_murni', 'pk_perubahan'), the stored row (a submission or a
-- plan_document: exactly one of the two ids), its revision, and a JSON pointer into it.
CREATE TABLE cross_finding (
    region_code       text NOT NULL REFERENCES region (code),
    year              integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    position          integer NOT NULL CHECK (position >= 0),
    city_code         text NOT NULL REFERENCES region (code),
    severity          text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    rule              text NOT NULL,
    message           text NOT NULL,   -- English (the API's and the CLI's)
    message_id        text NOT NULL,   -- Bahasa Indonesia (what pages show by default)
    subject_kind      text NOT NULL CHECK (subject_kind IN ('FY', 'Q1', 'Q2', 'Q3', 'Q4', 'renstra', 'pk_murni', 'pk_perubahan')),
    subject_submission_id bigint REFERENCES submission (id) ON DELETE CASCADE,
    subject_plan_id   bigint REFERENCES plan_document (id) ON DELETE CASCADE,
    subject_revision  integer NOT NULL CHECK (subject_revision >= 1),
    subject_pointer   text NOT NULL,
    against_kind      text NOT NULL CHECK (against_kind IN ('FY', 'Q1', 'Q2', 'Q3', 'Q4', 'renstra', 'pk_murni', 'pk_perubahan')),
    against_submission_id bigint REFERENCES submission (id) ON DELETE CASCADE,
    against_plan_id   bigint REFERENCES plan_document (id) ON DELETE CASCADE,
    against_revision  integer NOT NULL CHECK (against_revision >= 1),
    against_pointer   text NOT NULL,
    PRIMARY KEY (region_code, year, position),
    CHECK (city_code = substr(region_code, 1, 5)),
    -- A report side names a submission, a plan side a plan_document.
    CHECK ((subject_kind IN ('renstra', 'pk_murni', 'pk_perubahan')) = (subject_plan_id IS NOT NULL)
           AND (subject_plan_id IS NULL) <> (subject_submission_id IS NULL)),
    CHECK ((against_kind IN ('renstra', 'pk_murni', 'pk_perubahan')) = (against_plan_id IS NOT NULL)
           AND (against_plan_id IS NULL) <> (against_submission_id IS NULL))
);
CREATE INDEX cross_finding_city_year_idx ON cross_finding (city_code, year);
CREATE INDEX cross_finding_subject_submission_idx ON cross_finding (subject_submission_id);
CREATE INDEX cross_finding_against_submission_idx ON cross_finding (against_submission_id);
CREATE INDEX cross_finding_subject_plan_idx ON cross_finding (subject_plan_id);
CREATE INDEX cross_finding_against_plan_idx ON cross_finding (against_plan_id);

-- ---------------------------------------------------------------------------------------------
-- Access, exactly as submissions (0006): a kecamatan files and reads its own plan documents and its
-- kelurahan's, a kelurahan its own, Bappeda reads its city; nobody writes outside its scope. Cross
-- findings are replaced (DELETE then INSERT) by whoever stores a document of that region.

GRANT SELECT, INSERT ON plan_document, renstra_indicator, renstra_target, pk_indicator, pk_program, pk_line,
                        plan_finding TO rekap_api;
GRANT SELECT, INSERT, DELETE ON cross_finding TO rekap_api;

ALTER TABLE plan_document ENABLE ROW LEVEL SECURITY;
CREATE POLICY plan_document_read ON plan_document FOR SELECT TO rekap_api USING (rekap_may_read(region_code));
CREATE POLICY plan_document_write ON plan_document FOR INSERT TO rekap_api WITH CHECK (rekap_may_submit(region_code));

DO $$
DECLARE
    fact text;
BEGIN
    FOREACH fact IN ARRAY ARRAY['renstra_indicator', 'renstra_target', 'pk_indicator', 'pk_program', 'pk_line',
                                'plan_finding'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', fact);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT TO rekap_api USING (
                           EXISTS (SELECT FROM plan_document d WHERE d.id = plan_id AND rekap_may_read(d.region_code)))$p$,
                       fact || '_read', fact);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT TO rekap_api WITH CHECK (
                           EXISTS (SELECT FROM plan_document d WHERE d.id = plan_id AND rekap_may_submit(d.region_code)))$p$,
                       fact || '_write', fact);
    END LOOP;
END
$$;

ALTER TABLE cross_finding ENABLE ROW LEVEL SECURITY;
CREATE POLICY cross_finding_read ON cross_finding FOR SELECT TO rekap_api USING (rekap_may_read(region_code));
CREATE POLICY cross_finding_write ON cross_finding FOR INSERT TO rekap_api WITH CHECK (rekap_may_submit(region_code));
CREATE POLICY cross_finding_replace ON cross_finding FOR DELETE TO rekap_api USING (rekap_may_submit(region_code));
