-- Web entry forms (issue #13): drafts kept on the server, and who sent each revision.
--
-- A draft is what an office typed into the form for one region, year, period and document kind,
-- kept as typed (field pointer -> text, numbers the Indonesian way), so it can be resumed from
-- another device. Drafts are never read by consolidation: rankings and aggregates come from
-- `submission` only. One draft per (region, year, period, kind): saving replaces it.
CREATE TABLE form_draft (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_code   text NOT NULL REFERENCES region (code),
    year          integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
    period        text NOT NULL CHECK (period IN ('FY', 'Q1', 'Q2', 'Q3', 'Q4')),
    kind          text NOT NULL CHECK (kind IN ('rekap.submission/v1')),
    -- {"indicators/0/target": "91,72", ...}: the form's fields, as typed.
    content       jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
    saved_by      text NOT NULL CHECK (length(saved_by) BETWEEN 1 AND 200),
    saved_at      timestamptz NOT NULL DEFAULT now(),
    -- The Kirim button's one-time token: a send consumes it under the row's lock, so a double
    -- click stores one revision. Replaced whenever the form is shown again.
    submit_token  text NOT NULL CHECK (length(submit_token) BETWEEN 16 AND 100),
    -- Set when the draft was sent as a revision (its content is then what was sent); cleared by a save.
    sent_at       timestamptz,
    UNIQUE (region_code, year, period, kind)
);

-- Who sent a revision through the forms (the API's revisions have none: a program sent them).
CREATE TABLE submission_sender (
    submission_id  bigint PRIMARY KEY REFERENCES submission (id),
    region_code    text NOT NULL REFERENCES region (code),
    sent_by        text NOT NULL CHECK (length(sent_by) BETWEEN 1 AND 200)
);

-- The same rules as submissions: an office drafts for what it may submit for; a sender is read
-- by whoever may read the submission.
GRANT SELECT, INSERT, UPDATE, DELETE ON form_draft TO rekap_api;
GRANT SELECT, INSERT ON submission_sender TO rekap_api;
GRANT USAGE ON SEQUENCE form_draft_id_seq TO rekap_api;

ALTER TABLE form_draft ENABLE ROW LEVEL SECURITY;
CREATE POLICY form_draft_all ON form_draft FOR ALL TO rekap_api
    USING (rekap_may_submit(region_code)) WITH CHECK (rekap_may_submit(region_code));

ALTER TABLE submission_sender ENABLE ROW LEVEL SECURITY;
CREATE POLICY submission_sender_read ON submission_sender FOR SELECT TO rekap_api USING (rekap_may_read(region_code));
CREATE POLICY submission_sender_write ON submission_sender FOR INSERT TO rekap_api
    WITH CHECK (rekap_may_submit(region_code)
                AND EXISTS (SELECT 1 FROM submission s WHERE s.id = submission_id AND s.region_code = submission_sender.region_code));
