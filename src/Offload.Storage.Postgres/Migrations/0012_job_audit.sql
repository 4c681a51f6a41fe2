-- The audit trail (issue 20): who started, aborted, retried, undid or deleted which job, and whose it was. An entry is
-- written in the transaction of its action, and outlives its job (no foreign key: deleting or purging a job keeps its
-- entries); entries have their own retention (Offload:Audit:Retention). Names are kept as they were at the time.
CREATE TABLE job_audit (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor_id   bigint      NOT NULL,
    actor_name text        NOT NULL,
    action     text        NOT NULL CHECK (action IN ('job.start', 'job.abort', 'job.pause', 'job.resume', 'job.retry', 'job.undo', 'job.delete')),
    job_id     uuid        NOT NULL,
    owner_id   bigint      NOT NULL,
    owner_name text        NOT NULL,
    new_job_id uuid
);
-- Newest first is the primary key backwards; each filter walks its own index backwards (usernames compared by lower()).
CREATE INDEX job_audit_by_actor ON job_audit (lower(actor_name), id);
CREATE INDEX job_audit_by_action ON job_audit (action, id);
CREATE INDEX job_audit_by_time ON job_audit (at);
