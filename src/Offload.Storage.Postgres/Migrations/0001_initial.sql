-- The same model as the SQLite store, in PostgreSQL terms: identity ids, timestamptz, uuid job ids.
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text        NOT NULL,
    email         text        NOT NULL,
    first_name    text        NOT NULL DEFAULT '',
    last_name     text        NOT NULL DEFAULT '',
    language      text        NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr')),
    active        boolean     NOT NULL DEFAULT true,
    password_hash text,
    role          text        NOT NULL DEFAULT 'user' CHECK (role IN ('superadmin', 'poweruser', 'user')),
    created_at    timestamptz NOT NULL
);
-- Usernames are unique regardless of case (SPEC §2); imports use it as their conflict target.
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE branches (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text NOT NULL,
    parent_id bigint REFERENCES branches (id)
);
CREATE UNIQUE INDEX branches_name ON branches (lower(name));

CREATE TABLE user_branches (
    user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    branch_id bigint NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, branch_id)
);
CREATE INDEX user_branches_by_branch ON user_branches (branch_id, user_id);

CREATE TABLE courses (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code  text NOT NULL,
    title text NOT NULL
);
CREATE UNIQUE INDEX courses_code ON courses (lower(code));

CREATE TABLE enrollments (
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    course_id   bigint      NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    enrolled_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, course_id)
);
CREATE INDEX enrollments_by_course ON enrollments (course_id, user_id);

CREATE TABLE api_tokens (
    token_hash text        PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

-- Jobs: UUIDv7 ids, so "newest first" and keyset paging are ORDER BY id DESC.
CREATE TABLE jobs (
    id               uuid        PRIMARY KEY,
    kind             text        NOT NULL,
    description      text        NOT NULL,
    owner_id         bigint      NOT NULL,
    owner_name       text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('queued', 'running', 'aborting', 'completed', 'aborted', 'failed')),
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    total            bigint      NOT NULL,
    processed        bigint      NOT NULL DEFAULT 0,
    checkpoint_state text,
    error_count      bigint      NOT NULL DEFAULT 0,
    failure_reason   text,
    expires_at       timestamptz NOT NULL,
    has_result       boolean     NOT NULL DEFAULT false,
    input            text        NOT NULL,
    lease_owner      text,
    lease_expires_at timestamptz,
    attempt          integer     NOT NULL DEFAULT 0
);
CREATE INDEX jobs_by_status ON jobs (status, id);
CREATE INDEX jobs_by_owner ON jobs (owner_id, id);
CREATE INDEX jobs_by_expiry ON jobs (expires_at);

CREATE TABLE job_errors (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id  uuid   NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    row     bigint NOT NULL,
    field   text   NOT NULL,
    message text   NOT NULL,
    value   text
);
CREATE INDEX job_errors_by_job ON job_errors (job_id, id);

CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL,
    job_id     uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    title      text        NOT NULL,
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
CREATE INDEX notifications_by_job ON notifications (job_id);

CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id          uuid,
    to_address      text        NOT NULL,
    subject         text        NOT NULL,
    text_body       text        NOT NULL,
    html_body       text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    locked_by       text,
    locked_until    timestamptz,
    sent_at         timestamptz,
    last_error      text
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
