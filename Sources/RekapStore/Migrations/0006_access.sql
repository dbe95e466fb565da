-- Access for the HTTP API (issue #5): API tokens, the `rekap_api` role the API runs its queries as,
-- and row-level security so that each office reads and writes only its own region even if a
-- Swift check were missing.
--
-- How a request runs: the API checks the token as the table owner (rekap_api has no access to
-- api_token), then, inside the request's transaction, `SET LOCAL ROLE rekap_api` and
-- `set_config('rekap.role' / 'rekap.region', ..., true)` (PGConnection.enterAccessScope). From
-- there every statement is filtered by the policies below. The owner (the CLI, rekapd's worker)
-- is not subject to row-level security.

-- ---------------------------------------------------------------------------------------------
-- Tokens. Only the SHA-256 of a secret is stored, computed by PostgreSQL; the secret is shown once.

CREATE TABLE api_token (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role          text NOT NULL CHECK (role IN ('kecamatan', 'kelurahan', 'bappeda', 'revenue')),
    region_code   text NOT NULL REFERENCES region (code),
    label         text,
    token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    -- Refreshed at most once a minute by a successful check, so busy tokens do not write every request.
    last_used_at  timestamptz,
    -- The role fixes the region's level (AccessScope): kecamatan PP.KK.CC, kelurahan PP.KK.CC.NNNN,
    -- bappeda and revenue a kota/kabupaten PP.KK.
    CHECK (CASE role WHEN 'kecamatan' THEN octet_length(region_code) = 8
                     WHEN 'kelurahan' THEN octet_length(region_code) = 13
                     ELSE octet_length(region_code) = 5 END)
);
REVOKE ALL ON api_token FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- The role. Roles are cluster-wide while migrations run per database, and the tests migrate many
-- databases of one cluster at the same time: two may both see no role and both create it; the
-- loser gets duplicate_object or unique_violation (pg_authid's unique index), which means "done".

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rekap_api') THEN
        CREATE ROLE rekap_api NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
        NULL;
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'role rekap_api does not exist and % may not create it', CURRENT_USER
            USING HINT = format('As a superuser: CREATE ROLE rekap_api NOLOGIN; GRANT rekap_api TO %I; '
                                || 'or give %I CREATEROLE.', CURRENT_USER, CURRENT_USER);
END
$$;

-- The owner must be a member to `SET ROLE rekap_api` (a superuser need not be; harmless then).
-- The same race as above on pg_auth_members.
DO $$
BEGIN
    IF NOT pg_has_role(CURRENT_USER, 'rekap_api', 'MEMBER') THEN
        GRANT rekap_api TO CURRENT_USER;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
        NULL;
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION '% is not a member of role rekap_api and may not make itself one', CURRENT_USER
            USING HINT = format('As a superuser: GRANT rekap_api TO %I;', CURRENT_USER);
END
$$;

-- ---------------------------------------------------------------------------------------------
-- The scope, and the rules. These functions are the SQL mirror of RekapDomain's AccessScope
-- (Sources/RekapDomain/Access/AccessScope.swift): the two must agree, and AccessRulesAgreementTests
-- checks them against each other. An unset scope (empty or missing settings) allows nothing.

CREATE FUNCTION rekap_scope_role() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('rekap.role', true), '')
$$;

CREATE FUNCTION rekap_scope_region() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('rekap.region', true), '')
$$;

-- AccessScope.maySubmit(for:): a kecamatan for itself and the kelurahan under it, a kelurahan for itself.
CREATE FUNCTION rekap_may_submit(region_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(CASE rekap_scope_role()
        WHEN 'kecamatan' THEN octet_length(rekap_scope_region()) = 8
             AND (region_code = rekap_scope_region()
                  OR (octet_length(region_code) = 13 AND left(region_code, 9) = rekap_scope_region() || '.'))
        WHEN 'kelurahan' THEN octet_length(rekap_scope_region()) = 13 AND region_code = rekap_scope_region()
        ELSE false
    END, false)
$$;

-- AccessScope.mayRead(_:): what it may submit for; Bappeda every region of its city; revenue none.
CREATE FUNCTION rekap_may_read(region_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(CASE rekap_scope_role()
        WHEN 'bappeda' THEN octet_length(rekap_scope_region()) = 5
             AND (region_code = rekap_scope_region() OR starts_with(region_code, rekap_scope_region() || '.'))
        WHEN 'revenue' THEN false
        ELSE rekap_may_submit(region_code)
    END, false)
$$;

-- AccessScope.mayReadCity(_:): rankings, reports, the dashboard: Bappeda of that city.
CREATE FUNCTION rekap_may_read_city(city_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(rekap_scope_role() = 'bappeda' AND city_code = rekap_scope_region(), false)
$$;

-- AccessScope.mayReadPBBRanking(city:): Bappeda or revenue of that city.
CREATE FUNCTION rekap_may_read_pbb_ranking(city_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(rekap_scope_role() IN ('bappeda', 'revenue') AND city_code = rekap_scope_region(), false)
$$;

-- AccessScope.mayLoadPBB(city:): revenue of that city.
CREATE FUNCTION rekap_may_load_pbb(city_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(rekap_scope_role() = 'revenue' AND city_code = rekap_scope_region(), false)
$$;

-- AccessScope.mayConsolidate(city:): Bappeda of that city.
CREATE FUNCTION rekap_may_consolidate(city_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(rekap_scope_role() = 'bappeda' AND city_code = rekap_scope_region(), false)
$$;

-- ---------------------------------------------------------------------------------------------
-- What the API may touch at all (row-level security narrows it to rows below). Identity columns
-- need no sequence privilege; USAGE is granted anyway in case a statement calls nextval.

GRANT USAGE ON SCHEMA public TO rekap_api;

-- Read by everyone: the registry and the settings.
GRANT SELECT ON region, consolidation_setting, predikat_scale TO rekap_api;

-- Submissions (SubmissionStore: header, facts, NOTIFY, advisory lock).
GRANT SELECT, INSERT ON submission, submission_indicator, budget_line, submission_belanja, submission_pbb,
                        submission_award, submission_finding TO rekap_api;
GRANT USAGE ON SEQUENCE submission_id_seq, budget_line_id_seq TO rekap_api;

-- PBB-P2 feeds (PBBFeedLoader). UPDATE: a later ketetapan replaces the earlier one, and the
-- loader's `LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE` needs it on all three; without an UPDATE
-- policy pbb_load and pbb_pembayaran rows still cannot be updated.
GRANT SELECT, INSERT, UPDATE ON pbb_load, pbb_ketetapan, pbb_pembayaran TO rekap_api;
GRANT USAGE ON SEQUENCE pbb_load_id_seq TO rekap_api;
GRANT SELECT ON pbb_orphan_payment TO rekap_api;

-- Consolidation requests (ConsolidationQueue.enqueue) and their status.
GRANT SELECT, INSERT ON consolidation_job TO rekap_api;
GRANT USAGE ON SEQUENCE consolidation_job_id_seq TO rekap_api;

-- Aggregates (rankings, reports, dashboard).
GRANT SELECT ON agg_run, agg_pbb_region, agg_pbb_daily, agg_pbb_daily_rows, agg_iku, agg_iku_kecamatan,
                agg_iku_city, agg_iku_predikat, agg_budget, agg_budget_total, agg_budget_belanja, agg_awards,
                agg_completeness TO rekap_api;

-- Views run with their owner's rights by default, which would bypass the policies below.
ALTER VIEW pbb_orphan_payment SET (security_invoker = true);
ALTER VIEW agg_pbb_daily_rows SET (security_invoker = true);

-- ---------------------------------------------------------------------------------------------
-- Policies. No policy for a command means rekap_api may not do it on any row.

-- Submissions: by the submission's region; its facts follow the submission they belong to.
ALTER TABLE submission ENABLE ROW LEVEL SECURITY;
CREATE POLICY submission_read ON submission FOR SELECT TO rekap_api USING (rekap_may_read(region_code));
CREATE POLICY submission_write ON submission FOR INSERT TO rekap_api WITH CHECK (rekap_may_submit(region_code));

DO $$
DECLARE
    fact text;
BEGIN
    FOREACH fact IN ARRAY ARRAY['submission_indicator', 'budget_line', 'submission_belanja', 'submission_pbb',
                                'submission_award', 'submission_finding'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', fact);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT TO rekap_api USING (
                           EXISTS (SELECT FROM submission s WHERE s.id = submission_id AND rekap_may_read(s.region_code)))$p$,
                       fact || '_read', fact);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT TO rekap_api WITH CHECK (
                           EXISTS (SELECT FROM submission s WHERE s.id = submission_id AND rekap_may_submit(s.region_code)))$p$,
                       fact || '_write', fact);
    END LOOP;
END
$$;

-- PBB-P2: a ketetapan by its kelurahan's city; a payment by the city in its NOP (the only region
-- it names, as in pbb_orphan_payment). pbb_load rows name no city: revenue agencies record loads,
-- Bappeda and revenue read them (staleness counts them).
ALTER TABLE pbb_ketetapan ENABLE ROW LEVEL SECURITY;
CREATE POLICY pbb_ketetapan_read ON pbb_ketetapan FOR SELECT TO rekap_api
    USING (rekap_may_read_pbb_ranking(left(kelurahan_code, 5)));
CREATE POLICY pbb_ketetapan_write ON pbb_ketetapan FOR INSERT TO rekap_api
    WITH CHECK (rekap_may_load_pbb(left(kelurahan_code, 5)));
CREATE POLICY pbb_ketetapan_replace ON pbb_ketetapan FOR UPDATE TO rekap_api
    USING (rekap_may_load_pbb(left(kelurahan_code, 5))) WITH CHECK (rekap_may_load_pbb(left(kelurahan_code, 5)));

ALTER TABLE pbb_pembayaran ENABLE ROW LEVEL SECURITY;
CREATE POLICY pbb_pembayaran_read ON pbb_pembayaran FOR SELECT TO rekap_api
    USING (rekap_may_read_pbb_ranking(substr(nop, 1, 2) || '.' || substr(nop, 3, 2)));
CREATE POLICY pbb_pembayaran_write ON pbb_pembayaran FOR INSERT TO rekap_api
    WITH CHECK (rekap_may_load_pbb(substr(nop, 1, 2) || '.' || substr(nop, 3, 2)));

ALTER TABLE pbb_load ENABLE ROW LEVEL SECURITY;
CREATE POLICY pbb_load_read ON pbb_load FOR SELECT TO rekap_api
    USING (rekap_scope_role() IN ('bappeda', 'revenue'));
CREATE POLICY pbb_load_write ON pbb_load FOR INSERT TO rekap_api
    WITH CHECK (rekap_scope_role() = 'revenue');

-- Consolidation: Bappeda asks for its city; Bappeda and revenue see its jobs.
ALTER TABLE consolidation_job ENABLE ROW LEVEL SECURITY;
CREATE POLICY consolidation_job_read ON consolidation_job FOR SELECT TO rekap_api
    USING (rekap_may_read_city(city_code) OR rekap_may_read_pbb_ranking(city_code));
CREATE POLICY consolidation_job_write ON consolidation_job FOR INSERT TO rekap_api
    WITH CHECK (rekap_may_consolidate(city_code));

-- Aggregates: PBB-P2 results for Bappeda and revenue of the city (agg_run too: rankings report
-- their staleness), everything else for Bappeda.
DO $$
DECLARE
    aggregate text;
BEGIN
    FOREACH aggregate IN ARRAY ARRAY['agg_run', 'agg_pbb_region', 'agg_pbb_daily'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', aggregate);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO rekap_api USING (rekap_may_read_pbb_ranking(city_code))',
                       aggregate || '_read', aggregate);
    END LOOP;
    FOREACH aggregate IN ARRAY ARRAY['agg_iku', 'agg_iku_kecamatan', 'agg_iku_city', 'agg_iku_predikat', 'agg_budget',
                                     'agg_budget_total', 'agg_budget_belanja', 'agg_awards', 'agg_completeness'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', aggregate);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO rekap_api USING (rekap_may_read_city(city_code))',
                       aggregate || '_read', aggregate);
    END LOOP;
END
$$;
