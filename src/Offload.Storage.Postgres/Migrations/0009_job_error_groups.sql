-- Errors grouped by reason (issue 19): each chunk adds its errors' counts here in the transaction that writes their
-- rows, so a job with a million error rows is summed up by reading a handful of rows. sample_rows is a JSON array of
-- the first rows (at most 5, in row order) the reason happened on.
CREATE TABLE job_error_groups (
    job_id      uuid   NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    field       text   NOT NULL,
    message     text   NOT NULL,
    count       bigint NOT NULL,
    sample_rows text   NOT NULL,
    PRIMARY KEY (job_id, field, message)
);
