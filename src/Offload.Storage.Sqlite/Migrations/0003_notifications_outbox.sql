-- What a job's end leaves for its owner (SPEC §5): a notification, gone with the job; a mail in the
-- outbox, which outlives the job so that deleting a finished job never swallows its mail.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    job_id     TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);

CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE INDEX notifications_by_job ON notifications (job_id);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    job_id          TEXT,
    to_address      TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    locked_by       TEXT,
    locked_until    INTEGER,
    sent_at         INTEGER,
    last_error      TEXT
);

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX jobs_by_expiry ON jobs (expires_at);
