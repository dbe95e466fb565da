-- The consolidation queue: which (city, year) needs its aggregates recomputed, and the history of
-- what was recomputed, when, by which worker and how long it took.
--
-- A job goes pending -> done, or pending -> failed once its attempts run out. 'running' only ever
-- exists inside the transaction of the worker that claimed the job (it is never committed): setting
-- it at claim time takes the row out of the "one pending job" index, so a request arriving while the
-- recompute runs waits for that transaction and then queues a fresh job, instead of being folded into
-- a recompute that may not see the data behind it. If the worker dies, its transaction rolls back
-- and the job is pending again.

CREATE TABLE consolidation_job (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    city_code     text NOT NULL REFERENCES region (code) CHECK (city_code ~ '^[0-9]{2}\.[0-9]{2}$'),
    year          integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    -- Why it was requested, for the logs and the history: "submission 42", "pbb load", "rekap consolidate".
    reason        text NOT NULL,
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
    requested_at  timestamptz NOT NULL DEFAULT now(),
    -- Failed attempts push this forward (backoff); a new job may run at once.
    not_before    timestamptz NOT NULL DEFAULT now(),
    attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error    text,
    -- The worker (rekapd --worker-id, or rekap consolidate) that did it, and when.
    worker_id     text,
    started_at    timestamptz,
    finished_at   timestamptz,
    CHECK ((status = 'done') = (finished_at IS NOT NULL))
);

-- At most one pending job per (city, year): enqueueing is INSERT ... ON CONFLICT DO NOTHING, which
-- folds a burst of requests into the one job that has not started yet.
CREATE UNIQUE INDEX consolidation_job_one_pending_idx
    ON consolidation_job (city_code, year) WHERE status = 'pending';

-- Workers take the oldest pending job first.
CREATE INDEX consolidation_job_next_idx
    ON consolidation_job (requested_at, id) WHERE status = 'pending';

-- "When was this city and year last consolidated" (the history, newest first).
CREATE INDEX consolidation_job_history_idx
    ON consolidation_job (city_code, year, finished_at DESC) WHERE status = 'done';
