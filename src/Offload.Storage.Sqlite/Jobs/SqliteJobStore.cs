using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Storage.Sql;
using Offload.Storage.Sql.Jobs;
using static Offload.Storage.Sql.Jobs.JobRows;

namespace Offload.Storage.Sqlite.Jobs;

/// <summary>The workers' operations on SQLite: the shared ones, and a claim that takes its turn on the writer lock.</summary>
public sealed class SqliteJobStore(SqliteDatabase db) : SqlJobStore(db)
{
    private readonly SqliteDatabase _db = db;

    public override Task<IReadOnlyList<Job>> ClaimAsync(ClaimRequest r, CancellationToken ct) =>
        _db.WriteAsync<IReadOnlyList<Job>>(async (c, tx) =>
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
                ("@worker", null), ("@now", Dialect.Time(r.Now)), ("@until", Dialect.Time(r.Now + r.Lease)));
            // One job per worker, each claim in the same write transaction seeing the ones before it: as fair as
            // claiming one at a time, for the price of one commit. In-process statements cost microseconds.
            var claimed = new List<Job>(r.WorkerIds.Count);
            foreach (var worker in r.WorkerIds)
            {
                claim.Parameters["@worker"].Value = worker;
                if (await ReadOneAsync(claim, Dialect, ct) is not { } job) break;
                claimed.Add(job);
            }
            return claimed;
        }, ct);

    public override async Task<ChunkTransaction> BeginChunkAsync(BeginChunkRequest r, CancellationToken ct) =>
        new SqliteChunkTransaction(await _db.BeginWriteAsync(ct), r.JobId, r.WorkerId, r.From);
}
