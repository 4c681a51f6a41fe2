-- Pause and resume (issue 20): the status 'paused', and the columns a pause travels in. pause_requested_at is the ask,
-- read back by the worker at its chunk commit and heartbeat (a running job with it set reads 'pausing' there); a
-- resume clears it. paused_by, paused_at, resumed_at and resumed_by are the last pause and resume, for the timeline.
-- SQLite cannot change a CHECK constraint, so jobs is rebuilt the way SQLite documents (as 0005 rebuilt users): a new
-- table, the rows copied, the old one dropped with its indexes and triggers, the new one renamed, then its indexes and
-- triggers made again. Migrations run with foreign keys off, so the drop cascades into nothing, and the tables that
-- refer to jobs keep naming "jobs". job_text_keys and job_texts are untouched: their keys still name the same job ids.
CREATE TABLE jobs_0014 (
    id                     TEXT    PRIMARY KEY,
    kind                   TEXT    NOT NULL,
    description            TEXT    NOT NULL,
    owner_id               INTEGER NOT NULL,
    owner_name             TEXT    NOT NULL,
    status                 TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'aborting', 'completed', 'aborted', 'failed', 'paused')),
    created_at             INTEGER NOT NULL,
    started_at             INTEGER,
    finished_at            INTEGER,
    total                  INTEGER NOT NULL,
    processed              INTEGER NOT NULL DEFAULT 0,
    checkpoint_state       TEXT,
    error_count            INTEGER NOT NULL DEFAULT 0,
    failure_reason         TEXT,
    expires_at             INTEGER NOT NULL,
    has_result             INTEGER NOT NULL DEFAULT 0,
    input                  TEXT    NOT NULL,
    lease_owner            TEXT,
    lease_expires_at       INTEGER,
    attempt                INTEGER NOT NULL DEFAULT 0,
    retry_of               TEXT,
    undo_of                TEXT,
    abort_requested_at     INTEGER,
    abort_requested_by     TEXT,
    stop_on_errors_percent INTEGER,
    stop_on_errors_after   INTEGER,
    failed_items           INTEGER NOT NULL DEFAULT 0,
    stop_reason            TEXT,
    pause_requested_at     INTEGER,
    paused_by              TEXT,
    paused_at              INTEGER,
    resumed_at             INTEGER,
    resumed_by             TEXT
) WITHOUT ROWID;
INSERT INTO jobs_0014 (id, kind, description, owner_id, owner_name, status, created_at, started_at, finished_at, total, processed,
                       checkpoint_state, error_count, failure_reason, expires_at, has_result, input, lease_owner, lease_expires_at,
                       attempt, retry_of, undo_of, abort_requested_at, abort_requested_by, stop_on_errors_percent,
                       stop_on_errors_after, failed_items, stop_reason)
SELECT id, kind, description, owner_id, owner_name, status, created_at, started_at, finished_at, total, processed,
       checkpoint_state, error_count, failure_reason, expires_at, has_result, input, lease_owner, lease_expires_at,
       attempt, retry_of, undo_of, abort_requested_at, abort_requested_by, stop_on_errors_percent,
       stop_on_errors_after, failed_items, stop_reason
FROM jobs;
DROP TRIGGER jobs_text_added;
DROP TRIGGER jobs_text_removed;
DROP TABLE jobs;
ALTER TABLE jobs_0014 RENAME TO jobs;

CREATE INDEX jobs_by_status ON jobs (status, id);
CREATE INDEX jobs_by_owner ON jobs (owner_id, id);
CREATE INDEX jobs_by_expiry ON jobs (expires_at);
CREATE INDEX jobs_claim ON jobs (status, owner_id, id);
CREATE UNIQUE INDEX jobs_undo_of ON jobs (undo_of) WHERE undo_of IS NOT NULL;
CREATE INDEX jobs_retry_of ON jobs (retry_of) WHERE retry_of IS NOT NULL;
CREATE INDEX jobs_by_kind ON jobs (kind, id);
CREATE INDEX jobs_by_created ON jobs (created_at, id);

CREATE TRIGGER jobs_text_added AFTER INSERT ON jobs BEGIN
    INSERT INTO job_text_keys (job_id) VALUES (new.id);
    INSERT INTO job_texts (rowid, description) VALUES (last_insert_rowid(), new.description);
END;

CREATE TRIGGER jobs_text_removed BEFORE DELETE ON jobs BEGIN
    INSERT INTO job_texts (job_texts, rowid, description)
    SELECT 'delete', key, old.description FROM job_text_keys WHERE job_id = old.id;
END;
