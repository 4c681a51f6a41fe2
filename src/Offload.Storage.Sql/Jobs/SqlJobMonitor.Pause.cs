using Offload.Jobs;
using Offload.Jobs.Audit;
using Offload.Jobs.Storage;
using static Offload.Storage.Sql.Jobs.JobRows;

namespace Offload.Storage.Sql.Jobs;

/// <summary>Pause and resume: each a guarded move and its audit entry in one transaction.</summary>
public sealed partial class SqlJobMonitor
{
    /// <summary>A queued job pauses at once; a running one gets the ask its worker reads back at its next chunk commit.</summary>
    private const string PauseSql = $"""
        UPDATE jobs SET
            status = CASE status WHEN 'queued' THEN 'paused' ELSE status END,
            paused_at = CASE status WHEN 'queued' THEN @now ELSE paused_at END,
            pause_requested_at = @now,
            paused_by = @by
        WHERE id = @id AND (status = 'queued' OR (status = 'running' AND pause_requested_at IS NULL))
        RETURNING {Columns}
        """;

    /// <summary>Back in the queue: the claim takes the oldest first, so the job keeps its place by creation.</summary>
    private const string ResumeSql = $"""
        UPDATE jobs SET status = 'queued', pause_requested_at = NULL, resumed_at = @now, resumed_by = @by
        WHERE id = @id AND status = 'paused'
        RETURNING {Columns}
        """;

    public Task<PauseOutcome> PauseAsync(PauseJobRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            await using var pause = c.Command(PauseSql, tx, ("@now", _d.Time(r.Now)), ("@by", r.By.Username), ("@id", _d.Key(r.Id)));
            if (await ReadOneAsync(pause, _d, ct) is { } changed)
            {
                await SqlAudit.WriteAsync(c, tx, _d, AuditActions.Pause, r.Now, r.By, changed.Id, new AuditUser(changed.OwnerId, changed.OwnerName), ct);
                return new PauseOutcome(changed.Status == JobStatus.Paused ? PauseResult.Paused : PauseResult.Pausing, changed);
            }
            // A second ask changes nothing and is not audited; it still answers with where the job is.
            await using var get = c.Command(GetSql, tx, ("@id", _d.Key(r.Id)));
            return await ReadOneAsync(get, _d, ct) switch
            {
                null => new PauseOutcome(PauseResult.NotFound, null),
                { Status: JobStatus.Paused } job => new PauseOutcome(PauseResult.Paused, job),
                { IsPausing: true } job => new PauseOutcome(PauseResult.Pausing, job),
                var job => new PauseOutcome(PauseResult.NotPausable, job),
            };
        }, ct);

    public Task<ResumeOutcome> ResumeAsync(ResumeJobRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            await using var resume = c.Command(ResumeSql, tx, ("@now", _d.Time(r.Now)), ("@by", r.By.Username), ("@id", _d.Key(r.Id)));
            if (await ReadOneAsync(resume, _d, ct) is { } changed)
            {
                await SqlAudit.WriteAsync(c, tx, _d, AuditActions.Resume, r.Now, r.By, changed.Id, new AuditUser(changed.OwnerId, changed.OwnerName), ct);
                return new ResumeOutcome(ResumeResult.Resumed, changed);
            }
            await using var get = c.Command(GetSql, tx, ("@id", _d.Key(r.Id)));
            return await ReadOneAsync(get, _d, ct) is { } job
                ? new ResumeOutcome(ResumeResult.NotPaused, job)
                : new ResumeOutcome(ResumeResult.NotFound, null);
        }, ct);
}
