using Offload.Jobs;
using Offload.Jobs.Storage;
using static Offload.Storage.Sql.Jobs.JobRows;

namespace Offload.Storage.Sql.Jobs;

/// <summary>
/// The workers' operations whose SQL both databases accept. What is each database's own stays in its driver:
/// the claim (SQLite's writer lock; PostgreSQL's SKIP LOCKED under an advisory lock) and the chunk transaction.
/// </summary>
public abstract class SqlJobStore(SqlDatabase db) : IJobStore
{
    protected const string EnqueueSql = $"""
        INSERT INTO jobs (id, kind, description, owner_id, owner_name, status, created_at, total, expires_at, input, retry_of, undo_of,
                          stop_on_errors_percent, stop_on_errors_after, trace_parent)
        VALUES (@id, @kind, @description, @owner, @ownerName, 'queued', @now, @total, @expires, @input, @retryOf, @undoOf,
                @stopPercent, @stopAfter, @traceParent)
        RETURNING {Columns}
        """;

    private const string HeartbeatSql = $"""
        UPDATE jobs SET lease_expires_at = @until
        WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')
        RETURNING {LeaseStatus}
        """;

    /// <summary>At the chunk boundary: only the lease holder, only while the pause is still asked and no abort came first.</summary>
    private const string PauseSql = """
        UPDATE jobs SET status = 'paused', paused_at = @now, lease_owner = NULL, lease_expires_at = NULL
        WHERE id = @id AND lease_owner = @worker AND status = 'running' AND pause_requested_at IS NOT NULL
        """;

    private const string ReleaseSql = """
        UPDATE jobs SET lease_expires_at = @past
        WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')
        """;

    protected SqlDialect Dialect { get; } = db.Dialect;

    public abstract Task<IReadOnlyList<Job>> ClaimAsync(ClaimRequest request, CancellationToken ct);

    public abstract Task<ChunkTransaction> BeginChunkAsync(BeginChunkRequest request, CancellationToken ct);

    // Heartbeat and release are single statements, committed on their own: on PostgreSQL one round trip each, which
    // is most of the time a small job spends outside its handler (PostgreSQL's enqueue is one too, with its audit entry).

    /// <summary>The job's row, then its audit entry (<see cref="SqlAudit.EnqueueSql"/>), in one transaction.</summary>
    public virtual Task<Job> EnqueueAsync(EnqueueRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            await using var insert = c.Command(EnqueueSql, tx, EnqueueParameters(r));
            var job = (await ReadOneAsync(insert, Dialect, ct))!;
            await using var audit = c.Command(SqlAudit.EnqueueSql(r), tx, [.. EnqueueParameters(r), .. SqlAudit.EnqueueParameters(r, Dialect)]);
            await audit.ExecuteNonQueryAsync(ct);
            return job;
        }, ct);

    /// <summary>The parameters of <see cref="EnqueueSql"/>, which <see cref="SqlAudit.EnqueueSql"/> reads too.</summary>
    protected (string, object?)[] EnqueueParameters(EnqueueRequest r) =>
    [
        ("@id", Dialect.Key(r.Id)), ("@kind", r.Kind), ("@description", r.Description), ("@owner", r.OwnerId),
        ("@ownerName", r.OwnerName), ("@now", Dialect.Time(r.Now)), ("@total", r.Total), ("@expires", Dialect.Time(r.ExpiresAt)),
        ("@input", r.Input), ("@retryOf", KeyOrNull(r.RetryOf)), ("@undoOf", KeyOrNull(r.UndoOf)),
        ("@stopPercent", r.StopOnErrors?.Percent), ("@stopAfter", r.StopOnErrors?.After), ("@traceParent", r.TraceParent),
    ];

    private object? KeyOrNull(Guid? id) => id is { } key ? Dialect.Key(key) : null;

    public Task<LeaseState> HeartbeatAsync(HeartbeatRequest r, CancellationToken ct) =>
        db.InStatementAsync(async c =>
        {
            await using var beat = c.Command(HeartbeatSql, null,
                ("@until", Dialect.Time(r.Now + r.Lease)), ("@id", Dialect.Key(r.JobId)), ("@worker", r.WorkerId));
            return await beat.ExecuteScalarAsync(ct) switch
            {
                "running" => LeaseState.Held,
                "aborting" => LeaseState.HeldAbortRequested,
                "pausing" => LeaseState.HeldPauseRequested,
                _ => LeaseState.Lost,
            };
        }, ct);

    /// <summary>The final state, then the owner's notice and mail, in one transaction.</summary>
    public virtual Task<bool> FinishAsync(FinishRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            await using var finish = c.Command(FinishSql(r.Outcome), tx, FinishParameters(r));
            if (await finish.ExecuteNonQueryAsync(ct) != 1) return false;
            await SqlCompletion.WriteAsync(c, tx, Dialect, r.JobId, r.Completion, r.Now, ct);
            return true;
        }, ct);

    public Task<bool> PauseAsync(PauseLeasedRequest r, CancellationToken ct) =>
        db.InStatementAsync(async c =>
        {
            await using var pause = c.Command(PauseSql, null, ("@now", Dialect.Time(r.Now)), ("@id", Dialect.Key(r.JobId)), ("@worker", r.WorkerId));
            return await pause.ExecuteNonQueryAsync(ct) == 1;
        }, ct);

    public Task<bool> ReleaseAsync(ReleaseRequest r, CancellationToken ct) =>
        db.InStatementAsync(async c =>
        {
            await using var release = c.Command(ReleaseSql, null,
                ("@past", Dialect.Time(r.Now.AddMilliseconds(-1))), ("@id", Dialect.Key(r.JobId)), ("@worker", r.WorkerId));
            return await release.ExecuteNonQueryAsync(ct) == 1;
        }, ct);

    /// <summary>The leased job moves to <paramref name="outcome"/>; parameters: <see cref="FinishParameters"/>.</summary>
    protected string FinishSql(JobStatus outcome) => $"""
        UPDATE jobs SET status = @outcome, finished_at = @now, failure_reason = {Dialect.TextOrNull("@reason")},
                        stop_reason = {Dialect.TextOrNull("@stopReason")}, lease_owner = NULL, lease_expires_at = NULL
        WHERE id = @id AND lease_owner = @worker AND status IN ({From(outcome)})
        """;

    protected (string, object?)[] FinishParameters(FinishRequest r) =>
    [
        ("@outcome", r.Outcome.ToName()), ("@now", Dialect.Time(r.Now)), ("@reason", r.FailureReason), ("@stopReason", r.StopReason),
        ("@id", Dialect.Key(r.JobId)), ("@worker", r.WorkerId),
    ];
}
