-- Finding jobs (issue 20): the list filters by kind, creation date and text besides owner and status.
-- A kind's jobs newest first, and jobs by creation time: a date filter pages on (created_at, id).
CREATE INDEX jobs_by_kind ON jobs (kind, id);
CREATE INDEX jobs_by_created ON jobs (created_at, id);

-- Text in the description: a trigram index (FTS5, SQLite 3.34+) finds a rare text among a million jobs without
-- reading them all. It is contentless (the description stays in jobs alone) and keyed by an integer, which jobs
-- (WITHOUT ROWID, text ids) does not have: job_text_keys gives each job one. Triggers keep both in step with jobs
-- in the statement that writes the job, so no job is ever missing from the search, and none outlives its row.
CREATE TABLE job_text_keys (
    key    INTEGER PRIMARY KEY,
    job_id TEXT    NOT NULL UNIQUE REFERENCES jobs (id) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE job_texts USING fts5(description, content = '', tokenize = 'trigram');

CREATE TRIGGER jobs_text_added AFTER INSERT ON jobs BEGIN
    INSERT INTO job_text_keys (job_id) VALUES (new.id);
    INSERT INTO job_texts (rowid, description) VALUES (last_insert_rowid(), new.description);
END;

-- BEFORE: the key row is still there (its cascade runs with the job's delete); a contentless index forgets a
-- row only when told its words.
CREATE TRIGGER jobs_text_removed BEFORE DELETE ON jobs BEGIN
    INSERT INTO job_texts (job_texts, rowid, description)
    SELECT 'delete', key, old.description FROM job_text_keys WHERE job_id = old.id;
END;

INSERT INTO job_text_keys (job_id) SELECT id FROM jobs ORDER BY id;
INSERT INTO job_texts (rowid, description) SELECT k.key, j.description FROM job_text_keys k JOIN jobs j ON j.id = k.job_id;
