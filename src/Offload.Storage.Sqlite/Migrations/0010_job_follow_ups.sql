-- A job's own page lists the jobs that retry it (undo_of has its unique index already): without this index that
-- read would scan every job.
CREATE INDEX jobs_retry_of ON jobs (retry_of) WHERE retry_of IS NOT NULL;
