using Offload.Jobs;
using Offload.Jobs.Storage;
using static Offload.Storage.Sqlite.Jobs.JobRows;

namespace Offload.Storage.Sqlite.Jobs;

/// <summary>The workers' operations on SQLite. Every state change is one guarded UPDATE … RETURNING.</summary>
public sealed class SqliteJobStore(SqliteDatabase db) : IJobStore
{
    public Task<Job> EnqueueAsync(EnqueueRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await using var insert = c.Command($"""
                INSERT INTO jobs (id, kind, description, owner_id, owner_name, status, created_at, total, expires_at, input)
                VALUES (@id, @kind, @description, @owner, @ownerName, 'queued', @now, @total, @expires, @input)
                RETURNING {Columns}
                """, tx,
                ("@id", Key(r.Id)), ("@kind", r.Kind), ("@description", r.Description), ("@owner", r.OwnerId),
                ("@ownerName", r.OwnerName), ("@now", Ms(r.Now)), ("@total", r.Total), ("@expires", Ms(r.ExpiresAt)),
                ("@input", r.Input));
            return (await ReadOneAsync(insert, ct))!;
        }, ct);

    public Task<IReadOnlyList<Job>> ClaimAsync(ClaimRequest r, CancellationToken ct) =>
        db.WriteAsync<IReadOnlyList<Job>>(async (c, tx) =>
        {
            // Fair between owners: the owner with the fewest jobs running goes first, then the oldest job.
            // A running/aborting job whose lease expired is a crashed worker's: it resumes from its checkpoint.
            // Only each owner's oldest queued job can win, so the candidates are found by walking the owners
            // on jobs_claim (one seek per owner), never by ranking the whole backlog.
            await using var claim = c.Command($"""
                UPDATE jobs SET
                    status = CASE status WHEN 'queued' THEN 'running' ELSE status END,
                    lease_owner = @worker, lease_expires_at = @until, attempt = attempt + 1,
                    started_at = COALESCE(started_at, @now)
                WHERE id = (
                    WITH RECURSIVE owners(owner_id) AS (
                        SELECT min(owner_id) FROM jobs WHERE status = 'queued'
                        UNION ALL
                        SELECT (SELECT min(q.owner_id) FROM jobs q WHERE q.status = 'queued' AND q.owner_id > owners.owner_id)
                        FROM owners WHERE owners.owner_id IS NOT NULL),
                    candidates(id, owner_id) AS (
                        SELECT (SELECT min(q.id) FROM jobs q WHERE q.status = 'queued' AND q.owner_id = owners.owner_id), owner_id
                        FROM owners WHERE owner_id IS NOT NULL
                        UNION ALL
                        SELECT id, owner_id FROM jobs
                        WHERE status IN ('running', 'aborting') AND lease_expires_at < @now)
                    SELECT c.id FROM candidates c
                    ORDER BY (SELECT count(*) FROM jobs o
                              WHERE o.status IN ('running', 'aborting') AND o.owner_id = c.owner_id
                                AND o.lease_expires_at >= @now),
                             c.id
                    LIMIT 1)
                RETURNING {Columns}
                """, tx,
                ("@worker", null), ("@now", Ms(r.Now)), ("@until", Ms(r.Now + r.Lease)));
            // One job per worker, each claim in the same write transaction seeing the ones before it: as fair as
            // claiming one at a time, for the price of one commit. In-process statements cost microseconds.
            var claimed = new List<Job>(r.WorkerIds.Count);
            foreach (var worker in r.WorkerIds)
            {
                claim.Parameters["@worker"].Value = worker;
                if (await ReadOneAsync(claim, ct) is not { } job) break;
                claimed.Add(job);
            }
            return claimed;
        }, ct);

    public async Task<ChunkTransaction> BeginChunkAsync(BeginChunkRequest r, CancellationToken ct) =>
        new SqliteChunkTransaction(await db.BeginWriteAsync(ct), r.JobId, r.WorkerId, r.From);

    public Task<LeaseState> HeartbeatAsync(HeartbeatRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await using var beat = c.Command("""
                UPDATE jobs SET lease_expires_at = @until
                WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')
                RETURNING status
                """, tx, ("@until", Ms(r.Now + r.Lease)), ("@id", Key(r.JobId)), ("@worker", r.WorkerId));
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
                UPDATE jobs SET status = @outcome, finished_at = @now, failure_reason = @reason,
                                lease_owner = NULL, lease_expires_at = NULL
                WHERE id = @id AND lease_owner = @worker AND status IN ({From(r.Outcome)})
                """, tx,
                ("@outcome", r.Outcome.ToName()), ("@now", Ms(r.Now)), ("@reason", r.FailureReason),
                ("@id", Key(r.JobId)), ("@worker", r.WorkerId));
            if (await finish.ExecuteNonQueryAsync(ct) != 1) return false;
            await SqliteCompletion.WriteAsync(c, tx, r.JobId, r.Completion, r.Now);
            return true;
        }, ct);

    public Task<bool> ReleaseAsync(ReleaseRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await using var release = c.Command("""
                UPDATE jobs SET lease_expires_at = @now
                WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')
                """, tx, ("@now", Ms(r.Now) - 1), ("@id", Key(r.JobId)), ("@worker", r.WorkerId));
            return await release.ExecuteNonQueryAsync(ct) == 1;
        }, ct);
}
