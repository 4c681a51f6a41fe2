-- Sessions and tokens must not outlive a password, role or active change, nor a sign-out.
-- A random stamp per user changes with each of those; cookies and tokens carry the stamp they were issued
-- with and stop working once it differs. Random, not a counter: a cookie of a deleted account must never
-- match whoever is created later under the same id.
ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE users SET security_stamp = lower(hex(randomblob(16)));

-- Tokens issued before this migration keep working: they take their owner's current stamp.
ALTER TABLE api_tokens ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE api_tokens SET security_stamp = (SELECT u.security_stamp FROM users u WHERE u.id = api_tokens.user_id);
-- Revoking all of a user's tokens, and the cascade when users are deleted, find them by user.
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Cookie sessions signed out on the server: a copy of the cookie taken before sign-out is refused.
-- Kept only as long as such a copy could still be valid (forget_at, unix ms).
CREATE TABLE ended_sessions (
    session_id TEXT    PRIMARY KEY,
    forget_at  INTEGER NOT NULL
) WITHOUT ROWID;
