-- A user id is never given twice (issue 22, item 1). Without AUTOINCREMENT SQLite hands the highest
-- deleted id to the next user created, and jobs.owner_id and notifications.user_id — kept when their
-- owner is deleted, so Superadmins still see the former owner's jobs — would then belong to a stranger.
-- SQLite cannot add AUTOINCREMENT to a table, so users is rebuilt the way SQLite documents: a new table,
-- the rows copied, the old one dropped, the new one renamed. Migrations run with foreign keys off, so the
-- drop cascades into nothing (enrollments, branches and tokens stay) and the other tables' REFERENCES users
-- keep naming "users".
CREATE TABLE users_0005 (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO users_0005 (id, username, email, first_name, last_name, language, active, password_hash, role, created_at)
SELECT id, username, email, first_name, last_name, language, active, password_hash, role, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_0005 RENAME TO users;

-- The ids deleted before this migration are known only from what still names them: start above those too.
INSERT INTO sqlite_sequence (name, seq)
SELECT 'users', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'users');
UPDATE sqlite_sequence
SET seq = max(seq,
              coalesce((SELECT max(owner_id) FROM jobs), 0),
              coalesce((SELECT max(user_id) FROM notifications), 0))
WHERE name = 'users';
