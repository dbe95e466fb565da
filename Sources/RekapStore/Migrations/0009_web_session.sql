-- Dashboard login sessions (issue: the session cookie was the API token itself). The browser's
-- cookie holds a random secret of its own; only its SHA-256 is stored here, never the token's secret.
--
-- A session is a server-side record: it ends at logout (revoked_at), at expires_at, and with the
-- token it was created from: the check joins api_token, so `rekap token revoke` ends every session of
-- the token at once (and deleting a token deletes its sessions). Generic on purpose: a later
-- migration can let a session belong to a person account instead (a nullable reference beside
-- token_id), the check staying the same join.
CREATE TABLE web_session (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    secret_hash   bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    token_id      bigint NOT NULL REFERENCES api_token (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    -- Refreshed at most once a minute by the check, as api_token.last_used_at.
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    CHECK (expires_at > created_at)
);

-- The sessions of a token (revoking, listing).
CREATE INDEX web_session_token_idx ON web_session (token_id);

-- rekap_api gets nothing here: sessions are checked as the owner, before the request enters the
-- token's access scope, exactly as tokens are.
