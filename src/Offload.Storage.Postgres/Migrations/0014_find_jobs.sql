-- Finding jobs (issue 20): the list filters by kind, creation date and text besides owner and status.
-- A kind's jobs newest first, and jobs by creation time: a date filter pages on (created_at, id).
CREATE INDEX jobs_by_kind ON jobs (kind, id);
CREATE INDEX jobs_by_created ON jobs (created_at, id);

-- Text in the description: a trigram index serves ILIKE '%text%', so a rare text is found among a million jobs
-- without reading them all. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: a database owner
-- may create it without being superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX jobs_by_text ON jobs USING gin (description gin_trgm_ops);
