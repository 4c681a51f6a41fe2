-- Job changes for nodes that cannot LISTEN (behind a transaction pooler with no ConnectionStrings:OffloadListen): the
-- payloads NOTIFY would carry, read back by each node's poll and kept a minute (PgJobFeedBridge).
CREATE TABLE job_change_feed (
    seq        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_change_feed_by_time ON job_change_feed (created_at);
