using Offload.Jobs;
using Offload.Jobs.Storage;
using static Offload.Storage.Postgres.Jobs.PgJobRows;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>
/// The workers' operations on PostgreSQL. A claim locks its candidate with FOR UPDATE SKIP LOCKED, so
/// workers on any number of nodes never take the same job.
/// </summary>
public sealed class PgJobStore(PostgresDatabase db) : IJobStore
{
    public Task<Job> EnqueueAsync(EnqueueRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await using var insert = c.Command($"""
                INSERT INTO jobs (id, kind, description, owner_id, owner_name, status, created_at, total, expires_at, input)
                VALUES (@id, @kind, @description, @owner, @ownerName, 'queued', @now, @total, @expires, @input)
                RETURNING {Columns}
                """, tx,
                ("@id", r.Id), ("@kind", r.Kind), ("@description", r.Description), ("@owner", r.OwnerId),
                ("@ownerName", r.OwnerName), ("@now", r.Now), ("@total", r.Total), ("@expires", r.ExpiresAt), ("@input", r.Input));
            return (await ReadOneAsync(insert, ct))!;
        }, ct);

    /// <summary>The advisory lock that queues claims: each claim must see the previous one's commit.</summary>
    private const long ClaimLock = 727275;

    public async Task<Job?> ClaimAsync(ClaimRequest r, CancellationToken ct)
    {
        // Fairness needs each claim to count the jobs the previous claim just started; two claims
        // in parallel would both see the same counts and could hand a busy owner a second job while
        // another owner waits. So claims queue on an advisory lock — held for one round trip only:
        // lock and claim go as one batch in one implicit transaction, and the claim statement, run
        // after the lock is granted, takes its own snapshot (READ COMMITTED), so it sees the last claim.
        await using var c = await db.OpenAsync(ct);
        // Fair between owners: the owner with the fewest jobs running goes first, then the oldest job.
        // A running/aborting job whose lease expired is a crashed worker's: it resumes from its checkpoint.
        // Only each owner's oldest queued job can win, so the candidates are found by walking the owners
        // on jobs_claim (one seek per owner), never by ranking the whole backlog.
        await using var claim = c.Command($"""
            SELECT pg_advisory_xact_lock(@lock);
            WITH RECURSIVE owners(owner_id) AS (
                SELECT min(owner_id) FROM jobs WHERE status = 'queued'
                UNION ALL
                SELECT (SELECT min(q.owner_id) FROM jobs q WHERE q.status = 'queued' AND q.owner_id > owners.owner_id)
                FROM owners WHERE owners.owner_id IS NOT NULL),
            candidates(id) AS (
                SELECT (SELECT q.id FROM jobs q WHERE q.status = 'queued' AND q.owner_id = owners.owner_id ORDER BY q.id LIMIT 1)
                FROM owners WHERE owners.owner_id IS NOT NULL
                UNION ALL
                SELECT e.id FROM jobs e WHERE e.status IN ('running', 'aborting') AND e.lease_expires_at < @now),
            candidate AS (
                -- ids as an array: primary-key lookups, never a hash of the whole backlog
                SELECT j.id FROM jobs j
                WHERE j.id = ANY (ARRAY(SELECT id FROM candidates))
                  AND (j.status = 'queued' OR (j.status IN ('running', 'aborting') AND j.lease_expires_at < @now))
                ORDER BY (SELECT count(*) FROM jobs o
                          WHERE o.status IN ('running', 'aborting') AND o.owner_id = j.owner_id
                            AND o.lease_expires_at >= @now),
                         j.id
                LIMIT 1
                FOR UPDATE OF j SKIP LOCKED)
            UPDATE jobs SET
                status = CASE jobs.status WHEN 'queued' THEN 'running' ELSE jobs.status END,
                lease_owner = @worker, lease_expires_at = @until, attempt = jobs.attempt + 1,
                started_at = COALESCE(jobs.started_at, @now)
            FROM candidate WHERE jobs.id = candidate.id
            RETURNING {string.Join(", ", Columns.Split(',').Select(col => "jobs." + col.Trim()))}
            """, null,
            ("@lock", ClaimLock), ("@worker", r.WorkerId), ("@now", r.Now), ("@until", r.Now + r.Lease));
        await using var reader = await claim.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's empty row
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<ChunkTransaction> BeginChunkAsync(BeginChunkRequest r, CancellationToken ct) =>
        new PgChunkTransaction(await db.BeginWriteAsync(ct), r.JobId, r.WorkerId);

    public Task<LeaseState> HeartbeatAsync(HeartbeatRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await using var beat = c.Command("""
                UPDATE jobs SET lease_expires_at = @until
                WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')
                RETURNING status
                """, tx, ("@until", r.Now + r.Lease), ("@id", r.JobId), ("@worker", r.WorkerId));
            return await beat.ExecuteScalarAsync(ct) switch
            {
                "running" => LeaseState.Held,
                "aborting" => LeaseState.HeldAbortRequested,
                _ => LeaseState.Lost,
            };
        }, ct);

    public Task<bool> FinishAsync(FinishRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await using var finish = c.Command($"""
                UPDATE jobs SET status = @outcome, finished_at = @now, failure_reason = @reason::text,
                                lease_owner = NULL, lease_expires_at = NULL
                WHERE id = @id AND lease_owner = @worker AND status IN ({From(r.Outcome)})
                """, tx,
                ("@outcome", r.Outcome.ToName()), ("@now", r.Now), ("@reason", r.FailureReason), ("@id", r.JobId), ("@worker", r.WorkerId));
            if (await finish.ExecuteNonQueryAsync(ct) != 1) return false;
            await PgCompletion.WriteAsync(c, tx, r.JobId, r.Completion, r.Now);
            return true;
        }, ct);

    public Task<bool> ReleaseAsync(ReleaseRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await using var release = c.Command("""
                UPDATE jobs SET lease_expires_at = @past
                WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')
                """, tx, ("@past", r.Now.AddMilliseconds(-1)), ("@id", r.JobId), ("@worker", r.WorkerId));
            return await release.ExecuteNonQueryAsync(ct) == 1;
        }, ct);
}
