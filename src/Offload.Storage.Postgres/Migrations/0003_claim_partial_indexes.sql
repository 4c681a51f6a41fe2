-- The claim looks only at queued jobs and at leased (running/aborting) ones; finished jobs, which are
-- nearly all rows, need not be in its indexes. Two partial indexes hold just those: the claim's owner
-- walk and each owner's oldest jobs come from jobs_queued, the running counts and the expired leases
-- from jobs_leased. They stay small however many finished jobs are kept, so the planner cannot be
-- tempted to walk an owner's finished jobs, and the claim reads a few index pages per owner.
CREATE INDEX jobs_queued ON jobs (owner_id, id) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs (owner_id, lease_expires_at) WHERE status IN ('running', 'aborting');
DROP INDEX jobs_claim;
