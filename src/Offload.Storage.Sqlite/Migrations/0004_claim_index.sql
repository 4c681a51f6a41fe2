-- The claim walks owners with queued jobs (a loose index scan) and takes each one's oldest: with this
-- index that costs a few index seeks per owner, instead of a count per queued job (quadratic in the
-- backlog: 20,000 queued jobs made every claim visit millions of rows).
CREATE INDEX jobs_claim ON jobs (status, owner_id, id);
