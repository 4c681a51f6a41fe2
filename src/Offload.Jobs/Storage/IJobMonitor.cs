namespace Offload.Jobs.Storage;

/// <summary>The page's and the API's view of a store: read, page through, abort, pause, resume, delete, read error rows.</summary>
public interface IJobMonitor
{
    Task<Job?> GetAsync(GetJobRequest request, CancellationToken ct);

    /// <summary>Newest first, keyset-paged on the (time-ordered) job id.</summary>
    Task<JobPage> ListAsync(ListJobsRequest request, CancellationToken ct);

    /// <summary>
    /// Queued → aborted at once; running → aborting (the worker finishes it). The request that takes effect writes
    /// its <c>job.abort</c> audit entry in the same transaction; one that changes nothing writes none.
    /// </summary>
    Task<AbortOutcome> AbortAsync(AbortJobRequest request, CancellationToken ct);

    /// <summary>
    /// Queued → paused at once; running → a pause asked (the worker pauses it at its next chunk boundary). The request
    /// that takes effect writes its <c>job.pause</c> audit entry in the same transaction; one that changes nothing
    /// (already paused, or its pause already asked) writes none.
    /// </summary>
    Task<PauseOutcome> PauseAsync(PauseJobRequest request, CancellationToken ct);

    /// <summary>Paused → queued, keeping its checkpoint and its place by creation; audited (<c>job.resume</c>) in the same transaction.</summary>
    Task<ResumeOutcome> ResumeAsync(ResumeJobRequest request, CancellationToken ct);

    /// <summary>
    /// Removes a finished job with its error rows, and writes its <c>job.delete</c> audit entry in the same transaction;
    /// files are the caller's to remove.
    /// </summary>
    Task<DeleteOutcome> DeleteAsync(DeleteJobRequest request, CancellationToken ct);

    /// <summary>The job's error rows in row order, streamed.</summary>
    IAsyncEnumerable<ItemError> ReadErrorsAsync(ReadErrorsRequest request, CancellationToken ct);
}

public sealed record GetJobRequest(Guid Id);

/// <param name="OwnerId">Only this owner's jobs; null for every job.</param>
/// <param name="Before">Keyset cursor: only jobs after this one in the list's order (the last job of the previous page).</param>
public sealed record ListJobsRequest(long? OwnerId, JobStatus? Status, int Limit, Guid? Before)
{
    /// <summary>Only jobs of this kind (<c>users.import</c>).</summary>
    public string? Kind { get; init; }

    /// <summary>Only jobs created at or after this instant.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only jobs created at or before this instant.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only jobs whose description (which names an import's file) contains this text, in any case.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// A creation-date filter orders the list by creation time (then id), which its index serves at any depth; without one
    /// the time-ordered id alone orders it. The two orders agree except for a job whose id was made well before its row.
    /// </summary>
    public bool ByCreation => CreatedFrom is not null || CreatedTo is not null;
}

public sealed record JobPage(IReadOnlyList<Job> Items, Guid? Next)
{
    /// <summary>
    /// A page from a query that read one row more than <paramref name="limit"/>: that extra row tells
    /// whether another page exists without a COUNT, and is dropped.
    /// </summary>
    public static JobPage FromOneExtra(List<Job> rows, int limit)
    {
        if (rows.Count <= limit) return new JobPage(rows, null);
        rows.RemoveRange(limit, rows.Count - limit);
        return new JobPage(rows, rows[^1].Id);
    }
}

/// <param name="By">Who asked: audited, and their username kept with the time of the first ask for the job's timeline.</param>
/// <param name="Completion">Used only when a queued or paused job ends at once (→ aborted).</param>
public sealed record AbortJobRequest(Guid Id, DateTimeOffset Now, Audit.AuditUser By, Completion.JobCompletion? Completion = null);

/// <param name="By">Who asked, audited with <paramref name="Now"/>.</param>
public sealed record DeleteJobRequest(Guid Id, Audit.AuditUser By, DateTimeOffset Now);

public sealed record ReadErrorsRequest(Guid JobId);

/// <summary>Result of an abort: the job after it, or why nothing changed.</summary>
public sealed record AbortOutcome(AbortResult Result, Job? Job);

public enum AbortResult
{
    Aborted,
    Aborting,
    AlreadyFinished,
    NotFound,
}

public enum DeleteOutcome
{
    Deleted,
    NotFinished,
    NotFound,
}
