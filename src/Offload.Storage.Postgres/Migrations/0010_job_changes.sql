-- Undo (issue 19): what each chunk of an undoable job changed, one row per chunk and kind of change, the items
-- encoded in the payload; it goes with its job (delete, retention).
CREATE TABLE job_changes (
    job_id      uuid   NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq         bigint NOT NULL,
    change_kind text   NOT NULL,
    items       bigint NOT NULL,
    payload     bytea  NOT NULL,
    PRIMARY KEY (job_id, seq, change_kind)
);
