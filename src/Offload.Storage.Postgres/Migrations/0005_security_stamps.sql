-- Sessions and tokens must not outlive a password, role or active change, nor a sign-out.
-- A random stamp per user changes with each of those; cookies and tokens carry the stamp they were issued
-- with and stop working once it differs. Random, not a counter: a cookie of a deleted account must never
-- match whoever is created later under the same id. The default gives every existing and new row
-- (COPY included) a stamp of its own.
ALTER TABLE users ADD COLUMN security_stamp text NOT NULL DEFAULT gen_random_uuid()::text;

-- Tokens issued before this migration keep working: they take their owner's current stamp.
ALTER TABLE api_tokens ADD COLUMN security_stamp text NOT NULL DEFAULT '';
UPDATE api_tokens t SET security_stamp = u.security_stamp FROM users u WHERE u.id = t.user_id;
ALTER TABLE api_tokens ALTER COLUMN security_stamp DROP DEFAULT;
-- Revoking all of a user's tokens, and the cascade when users are deleted, find them by user.
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Cookie sessions signed out on the server: a copy of the cookie taken before sign-out is refused.
-- Kept only as long as such a copy could still be valid (forget_at).
CREATE TABLE ended_sessions (
    session_id text        PRIMARY KEY,
    forget_at  timestamptz NOT NULL
);
