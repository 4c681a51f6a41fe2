-- A chunk commits only from the checkpoint it started at (a compare-and-set). When its guard finds the job still
-- leased to the committing worker but at another checkpoint, an earlier commit of the same chunk landed although
-- its reply was lost: this aborts the replay's transaction before its COMMIT runs, and tells the worker so
-- (OF002), apart from a lost lease (OF001, offload_lease_lost()).
CREATE FUNCTION offload_checkpoint_moved() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RAISE EXCEPTION 'the job is no longer at the checkpoint this chunk started from' USING ERRCODE = 'OF002';
END
$$;
