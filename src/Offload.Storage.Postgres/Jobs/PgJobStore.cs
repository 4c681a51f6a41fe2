using Offload.Jobs;
using Offload.Jobs.Completion;
using Offload.Jobs.Storage;
using Offload.Storage.Sql.Jobs;
using static Offload.Storage.Sql.Jobs.JobRows;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>
/// The workers' operations on PostgreSQL: the shared ones, a claim that locks its candidates with FOR UPDATE SKIP LOCKED
/// (so workers on any number of nodes never take the same job), and a finish in one statement.
/// </summary>
public sealed class PgJobStore(PostgresDatabase db) : SqlJobStore(db)
{
    private readonly PostgresDatabase _db = db;

    /// <summary>The advisory lock that queues claims: each claim must see the previous one's commit.</summary>
    private const long ClaimLock = 727275;

    private static readonly string ClaimedColumns = string.Join(", ", Columns.Split(',').Select(col => "jobs." + col.Trim()));

    public override async Task<IReadOnlyList<Job>> ClaimAsync(ClaimRequest r, CancellationToken ct)
    {
        // Fairness needs each claim to count the jobs the previous claim just started; two claims
        // in parallel would both see the same counts and could hand a busy owner a second job while
        // another owner waits. So claims queue on an advisory lock — held for one round trip only:
        // lock and claim go as one batch in one implicit transaction, and the claim statement, run
        // after the lock is granted, takes its own snapshot (READ COMMITTED), so it sees the last claim.
        // A node claims for all its idle workers at once, so under a backlog the lock is taken once per
        // batch of jobs, not once per job.
        await using var c = await _db.OpenAsync(ct);
        // Fair between owners, as if the jobs were claimed one at a time: the k-th candidate of an owner
        // that has n jobs running weighs n + k, and the lightest go first, oldest first among equals.
        // Candidates are each owner's oldest queued jobs (as many as there are workers), found by walking
        // the owners on the partial index jobs_queued (one seek per owner, never a sort of the whole
        // backlog), and the running/aborting jobs whose lease expired (jobs_leased): a crashed worker's,
        // resumed from their checkpoint.
        // The claim's plan: its custom plan costs more to make (~1.3 ms) than to run (~0.3 ms), and its shape
        // does not depend on the values, so the prepared statement keeps one generic plan (set for this
        // transaction only). JIT stays off for it: the generic plan's row estimates (an unknown LIMIT) look
        // costly enough to trigger compiling it, 40 ms for a query that runs in 0.3 ms.
        await using var claim = c.Command($"""
            SELECT pg_advisory_xact_lock(@lock), set_config('plan_cache_mode', 'force_generic_plan', true), set_config('jit', 'off', true);
            WITH RECURSIVE owners(owner_id) AS (
                SELECT min(owner_id) FROM jobs WHERE status = 'queued'
                UNION ALL
                SELECT (SELECT min(q.owner_id) FROM jobs q WHERE q.status = 'queued' AND q.owner_id > owners.owner_id)
                FROM owners WHERE owners.owner_id IS NOT NULL),
            candidates AS (
                SELECT q.id, q.owner_id FROM owners
                CROSS JOIN LATERAL (SELECT q.id, q.owner_id FROM jobs q
                                    WHERE q.status = 'queued' AND q.owner_id = owners.owner_id
                                    ORDER BY q.id LIMIT @count) q
                WHERE owners.owner_id IS NOT NULL
                UNION ALL
                SELECT e.id, e.owner_id FROM jobs e WHERE e.status IN ('running', 'aborting') AND e.lease_expires_at < @now),
            weighed AS (
                SELECT c.id,
                       row_number() OVER (PARTITION BY c.owner_id ORDER BY c.id)
                       + (SELECT count(*) FROM jobs o
                          WHERE o.status IN ('running', 'aborting') AND o.owner_id = c.owner_id AND o.lease_expires_at >= @now) AS weight
                FROM candidates c),
            taken AS (
                -- ids as an array: primary-key lookups, never a hash of the whole backlog
                SELECT j.id FROM jobs j
                WHERE j.id = ANY (ARRAY(SELECT id FROM weighed ORDER BY weight, id LIMIT @count))
                  AND (j.status = 'queued' OR (j.status IN ('running', 'aborting') AND j.lease_expires_at < @now))
                FOR UPDATE OF j SKIP LOCKED),
            leased AS (
                SELECT t.id, w.worker FROM
                    (SELECT t.id, row_number() OVER (ORDER BY w.weight, t.id) AS n FROM taken t JOIN weighed w ON w.id = t.id) t
                JOIN unnest(@workers::text[]) WITH ORDINALITY AS w(worker, n) ON w.n = t.n)
            UPDATE jobs SET
                status = CASE jobs.status WHEN 'queued' THEN 'running' ELSE jobs.status END,
                lease_owner = leased.worker, lease_expires_at = @until, attempt = jobs.attempt + 1,
                started_at = COALESCE(jobs.started_at, @now)
            FROM leased WHERE jobs.id = leased.id
            RETURNING {ClaimedColumns}
            """, null,
            ("@lock", ClaimLock), ("@workers", r.WorkerIds.ToArray()), ("@count", (long)r.WorkerIds.Count), ("@now", r.Now),
            ("@until", r.Now + r.Lease));
        await using var reader = await claim.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's empty row
        var claimed = new List<Job>(r.WorkerIds.Count);
        while (await reader.ReadAsync(ct)) claimed.Add(Read(reader, Dialect));
        // Workers in the order they were asked for: the first idle worker gets the first job.
        return [.. claimed.OrderBy(j => IndexOf(r.WorkerIds, j.LeaseOwner))];
    }

    private static int IndexOf(IReadOnlyList<string> workers, string? worker)
    {
        for (var i = 0; i < workers.Count; i++)
            if (workers[i] == worker) return i;
        return -1;
    }

    public override async Task<ChunkTransaction> BeginChunkAsync(BeginChunkRequest r, CancellationToken ct) =>
        new PgChunkTransaction(await _db.BeginWriteAsync(ct), r.JobId, r.WorkerId, r.From);

    /// <summary>
    /// The job and its audit entry in one statement (data-modifying CTEs): all or nothing without a transaction, in one
    /// round trip, as an enqueue was before it had an entry.
    /// </summary>
    public override Task<Job> EnqueueAsync(EnqueueRequest r, CancellationToken ct) =>
        _db.StatementAsync(async c =>
        {
            await using var insert = c.Command($"WITH created AS ({EnqueueSql}), audit AS ({SqlAudit.EnqueueSql(r)})\nSELECT * FROM created", null,
                [.. EnqueueParameters(r), .. SqlAudit.EnqueueParameters(r, Dialect)]);
            return (await ReadOneAsync(insert, Dialect, ct))!;
        }, ct);

    /// <summary>The final state, the notice and the mail in one statement: all or nothing without a transaction, in one round trip.</summary>
    public override Task<bool> FinishAsync(FinishRequest r, CancellationToken ct) =>
        _db.StatementAsync(async c =>
        {
            var completion = r.Completion ?? JobCompletion.None;
            await using var finish = c.Command(PgCompletion.AfterUpdate(FinishSql(r.Outcome) + "\nRETURNING id", completion), null,
                [.. FinishParameters(r), .. PgCompletion.Parameters(completion)]);
            return (long)(await finish.ExecuteScalarAsync(ct))! == 1;
        }, ct);
}
