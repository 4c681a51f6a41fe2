using System.Data.Common;
using Offload.Jobs;

namespace Offload.Storage.Sql.Jobs;

/// <summary>The jobs columns in one fixed order, and how a row of them becomes a <see cref="Job"/> through the dialect.</summary>
public static class JobRows
{
    public const string Columns = """
        id, kind, description, owner_id, owner_name, status, created_at, started_at, finished_at, total,
        processed, checkpoint_state, error_count, failure_reason, expires_at, has_result, input,
        lease_owner, lease_expires_at, attempt, retry_of, undo_of, abort_requested_at, abort_requested_by,
        stop_on_errors_percent, stop_on_errors_after, failed_items, stop_reason, trace_parent,
        pause_requested_at, paused_by, paused_at, resumed_at, resumed_by
        """;

    /// <summary>
    /// The status a worker reads back from its lease (heartbeat, chunk commit): 'pausing' for a running job whose pause
    /// was asked, which the job's own status never is, so a pause reaches the worker on whatever node the way an abort does.
    /// </summary>
    public const string LeaseStatus = "CASE WHEN status = 'running' AND pause_requested_at IS NOT NULL THEN 'pausing' ELSE status END";

    /// <summary>What a committed chunk tells its worker, from the <see cref="LeaseStatus"/> its commit read back.</summary>
    public static ChunkCommit CommittedAs(string leaseStatus) => leaseStatus switch
    {
        "aborting" => ChunkCommit.CommittedAbortRequested,
        "pausing" => ChunkCommit.CommittedPauseRequested,
        _ => ChunkCommit.Committed,
    };

    public static Job Read(DbDataReader r, SqlDialect d) => new()
    {
        Id = d.ReadKey(r, 0),
        Kind = r.GetString(1),
        Description = r.GetString(2),
        OwnerId = r.GetInt64(3),
        OwnerName = r.GetString(4),
        Status = JobStatuses.TryParse(r.GetString(5), out var s) ? s : throw new InvalidDataException($"Unknown job status '{r.GetString(5)}'."),
        CreatedAt = d.ReadTime(r, 6),
        StartedAt = Time(r, 7, d),
        FinishedAt = Time(r, 8, d),
        Total = r.GetInt64(9),
        Checkpoint = new Checkpoint(r.GetInt64(10), r.IsDBNull(11) ? null : r.GetString(11)),
        ErrorCount = r.GetInt64(12),
        FailureReason = r.IsDBNull(13) ? null : r.GetString(13),
        ExpiresAt = d.ReadTime(r, 14),
        HasResult = r.GetBoolean(15),
        Input = r.GetString(16),
        LeaseOwner = r.IsDBNull(17) ? null : r.GetString(17),
        LeaseExpiresAt = Time(r, 18, d),
        Attempt = r.GetInt32(19),
        RetryOf = r.IsDBNull(20) ? null : d.ReadKey(r, 20),
        UndoOf = r.IsDBNull(21) ? null : d.ReadKey(r, 21),
        AbortRequestedAt = Time(r, 22, d),
        AbortRequestedBy = r.IsDBNull(23) ? null : r.GetString(23),
        StopOnErrors = r.IsDBNull(24) ? null : new StopOnErrors(r.GetInt32(24), r.GetInt64(25)),
        FailedItems = r.GetInt64(26),
        StopReason = r.IsDBNull(27) ? null : r.GetString(27),
        TraceParent = r.IsDBNull(28) ? null : r.GetString(28),
        PauseRequestedAt = Time(r, 29, d),
        PausedBy = r.IsDBNull(30) ? null : r.GetString(30),
        PausedAt = Time(r, 31, d),
        ResumedAt = Time(r, 32, d),
        ResumedBy = r.IsDBNull(33) ? null : r.GetString(33),
    };

    public static async Task<Job?> ReadOneAsync(DbCommand command, SqlDialect d, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r, d) : null;
    }

    /// <summary>SQL list of the states a job may be in to move to <paramref name="to"/>.</summary>
    public static string From(JobStatus to) =>
        string.Join(", ", Enum.GetValues<JobStatus>().Where(s => JobStatuses.CanMove(s, to)).Select(s => $"'{s.ToName()}'"));

    private static DateTimeOffset? Time(DbDataReader r, int i, SqlDialect d) => r.IsDBNull(i) ? null : d.ReadTime(r, i);
}
