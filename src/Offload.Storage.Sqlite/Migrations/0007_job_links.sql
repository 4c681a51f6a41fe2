-- After the run (issue 19): a retry or an undo is an ordinary job that names the job it follows up;
-- the detail page's timeline says when an abort was asked and by whom.
ALTER TABLE jobs ADD COLUMN retry_of TEXT;
ALTER TABLE jobs ADD COLUMN undo_of TEXT;
ALTER TABLE jobs ADD COLUMN abort_requested_at INTEGER;
ALTER TABLE jobs ADD COLUMN abort_requested_by TEXT;
-- One undo per job, even when two admins press Undo at the same moment: the second insert fails.
CREATE UNIQUE INDEX jobs_undo_of ON jobs (undo_of) WHERE undo_of IS NOT NULL;
