-- People, not tokens (issue #13): accounts for the staff of kecamatan, kelurahan, Bappeda and the
-- revenue agency, their one-time password-setup codes, browser sessions that belong to an account
-- (web_session of 0009, which until now belonged to a token only), each city's own time zone, and
-- findings' messages in Bahasa Indonesia beside the English ones.

-- ---------------------------------------------------------------------------------------------
-- Accounts. The role and region mean exactly what they mean on api_token (0006): an account yields
-- the same AccessScope, so the same row-level security applies to its requests.
CREATE TABLE person_account (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- What the person types to log in: lower case, no spaces (compared as stored).
    login            text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    display_name     text NOT NULL CHECK (btrim(display_name) <> '' AND length(display_name) <= 200),
    role             text NOT NULL CHECK (role IN ('kecamatan', 'kelurahan', 'bappeda', 'revenue')),
    region_code      text NOT NULL REFERENCES region (code),
    -- bcrypt ("$2b$…"); NULL until the person sets a password with a one-time code.
    password_hash    text CHECK (password_hash IS NULL OR password_hash ~ '^\$2[abxy]\$'),
    created_at       timestamptz NOT NULL DEFAULT now(),
    password_set_at  timestamptz,
    disabled_at      timestamptz,
    -- Lockout: failed logins since the last success; at the limit the account is locked until
    -- locked_until, for longer each time (AccountStore's backoff).
    failed_logins    integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until     timestamptz,
    last_login_at    timestamptz,
    CHECK (CASE role WHEN 'kecamatan' THEN octet_length(region_code) = 8
                     WHEN 'kelurahan' THEN octet_length(region_code) = 13
                     ELSE octet_length(region_code) = 5 END)
);
REVOKE ALL ON person_account FROM PUBLIC;

-- One-time codes to set (or reset) a password: only the SHA-256 of the code is stored; a code is
-- used once (used_at) and expires. A new code for an account replaces its unused ones.
CREATE TABLE password_setup_code (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES person_account (id) ON DELETE CASCADE,
    code_hash    bytea NOT NULL UNIQUE CHECK (length(code_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX password_setup_code_account_idx ON password_setup_code (account_id);
REVOKE ALL ON password_setup_code FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- A session belongs to a token (0009) or to an account, exactly one. Disabling an account ends its
-- sessions at once: the check joins person_account and looks at disabled_at.
ALTER TABLE web_session ALTER COLUMN token_id DROP NOT NULL;
ALTER TABLE web_session ADD COLUMN account_id bigint REFERENCES person_account (id) ON DELETE CASCADE;
ALTER TABLE web_session ADD CONSTRAINT web_session_one_owner CHECK (num_nonnulls(token_id, account_id) = 1);
CREATE INDEX web_session_account_idx ON web_session (account_id) WHERE account_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Per-city settings. time_zone: the city's own civil time (WIB, WITA, WIT), in which pages show
-- times; a city without a row gets its province's zone (IndonesianTimeZone.forProvince).
CREATE TABLE city_setting (
    city_code  text PRIMARY KEY REFERENCES region (code) CHECK (octet_length(city_code) = 5),
    time_zone  text NOT NULL CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'))
);
GRANT SELECT ON city_setting TO rekap_api;

-- Dumai (14.72) keeps WIB, which is also Riau's; stated so the setting is visible, when the region exists.
INSERT INTO city_setting (city_code, time_zone)
SELECT code, 'Asia/Jakarta' FROM region WHERE code = '14.72'
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- Findings in both languages: message stays English (the API's and the CLI's), message_id is
-- Bahasa Indonesia; NULL for findings stored before this migration (their English text is shown).
ALTER TABLE submission_finding ADD COLUMN message_id text;
