-- A job's error-rate stop (SPEC §10), stored with it so any worker that resumes it applies the same rule; the items
-- that failed so far (error_count counts error rows, several for one import row at times), moved with each chunk's
-- commit; and why the engine stopped a job on its own ('errorRate'), null otherwise.
ALTER TABLE jobs ADD COLUMN stop_on_errors_percent INTEGER;
ALTER TABLE jobs ADD COLUMN stop_on_errors_after INTEGER;
ALTER TABLE jobs ADD COLUMN failed_items INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN stop_reason TEXT;
