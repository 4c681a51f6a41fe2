-- A chunk's guarded checkpoint and its COMMIT go to the server together, in one round trip. When the
-- guard finds the job no longer leased to the committing worker, the statement calls this, which aborts
-- the transaction: the COMMIT behind it then never runs, so the chunk's effects are not kept.
CREATE FUNCTION offload_lease_lost() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RAISE EXCEPTION 'the job is no longer leased to this worker' USING ERRCODE = 'OF001';
END
$$;
