-- Pause and resume (issue 20): the status 'paused', and the columns a pause travels in. pause_requested_at is the ask,
-- read back by the worker at its chunk commit and heartbeat (a running job with it set reads 'pausing' there), so a
-- pause asked on one node reaches the worker on another within a chunk; a resume clears it. paused_by, paused_at,
-- resumed_at and resumed_by are the last pause and resume, kept for the job's timeline.
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
    CHECK (status IN ('queued', 'running', 'aborting', 'completed', 'aborted', 'failed', 'paused'));
ALTER TABLE jobs
    ADD COLUMN pause_requested_at timestamptz,
    ADD COLUMN paused_by text,
    ADD COLUMN paused_at timestamptz,
    ADD COLUMN resumed_at timestamptz,
    ADD COLUMN resumed_by text;
