-- Platform: users, branches, tokens. Usernames are unique regardless of case (SPEC §2).
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    email         TEXT    NOT NULL,
    first_name    TEXT    NOT NULL DEFAULT '',
    last_name     TEXT    NOT NULL DEFAULT '',
    language      TEXT    NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr')),
    active        INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT,
    role          TEXT    NOT NULL DEFAULT 'user' CHECK (role IN ('superadmin', 'poweruser', 'user')),
    created_at    INTEGER NOT NULL
);

CREATE TABLE branches (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL COLLATE NOCASE UNIQUE,
    parent_id INTEGER REFERENCES branches (id)
);

CREATE TABLE user_branches (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    branch_id INTEGER NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, branch_id)
) WITHOUT ROWID;

CREATE TABLE api_tokens (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
) WITHOUT ROWID;

-- Jobs. Ids are UUIDv7 text: time-ordered, so "newest first" is ORDER BY id DESC. Times are unix ms.
CREATE TABLE jobs (
    id               TEXT    PRIMARY KEY,
    kind             TEXT    NOT NULL,
    description      TEXT    NOT NULL,
    owner_id         INTEGER NOT NULL,
    owner_name       TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'aborting', 'completed', 'aborted', 'failed')),
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    total            INTEGER NOT NULL,
    processed        INTEGER NOT NULL DEFAULT 0,
    checkpoint_state TEXT,
    error_count      INTEGER NOT NULL DEFAULT 0,
    failure_reason   TEXT,
    expires_at       INTEGER NOT NULL,
    has_result       INTEGER NOT NULL DEFAULT 0,
    input            TEXT    NOT NULL,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    attempt          INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE INDEX jobs_by_status ON jobs (status, id);
CREATE INDEX jobs_by_owner ON jobs (owner_id, id);

CREATE TABLE job_errors (
    id      INTEGER PRIMARY KEY,
    job_id  TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    row     INTEGER NOT NULL,
    field   TEXT    NOT NULL,
    message TEXT    NOT NULL,
    value   TEXT
);

CREATE INDEX job_errors_by_job ON job_errors (job_id, id);
