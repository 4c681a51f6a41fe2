namespace Offload.Jobs;

/// <summary>One background job as stored: what the page shows plus what the engine needs to resume it.</summary>
public sealed record Job
{
    public required Guid Id { get; init; }
    /// <summary>Stable handler key such as "users.import"; never a CLR type name.</summary>
    public required string Kind { get; init; }
    public required string Description { get; init; }
    public required long OwnerId { get; init; }
    public required string OwnerName { get; init; }
    public required JobStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required long Total { get; init; }
    public long ErrorCount { get; init; }
    public string? FailureReason { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool HasResult { get; init; }
    /// <summary>The frozen input (JSON), written once at creation.</summary>
    public required string Input { get; init; }
    /// <summary>Where the next chunk starts; <see cref="Checkpoint.Processed"/> is the progress.</summary>
    public Checkpoint Checkpoint { get; init; } = Checkpoint.Start;
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }
    /// <summary>How many times a worker has claimed it (1 on the first run, more after crashes).</summary>
    public int Attempt { get; init; }
    /// <summary>The job whose failed items this one runs again (<c>POST /api/jobs/{id}/retry</c>).</summary>
    public Guid? RetryOf { get; init; }
    /// <summary>The job whose changes this one reverts (<c>POST /api/jobs/{id}/undo</c>); at most one per job.</summary>
    public Guid? UndoOf { get; init; }
    /// <summary>When an abort was first asked, for the detail page's timeline.</summary>
    public DateTimeOffset? AbortRequestedAt { get; init; }
    /// <summary>Who asked for the abort (username), for the timeline.</summary>
    public string? AbortRequestedBy { get; init; }
    /// <summary>When a pause was asked and not yet undone by a resume: set while the job is pausing (still running) or paused.</summary>
    public DateTimeOffset? PauseRequestedAt { get; init; }
    /// <summary>Who asked for the last pause (username), for the timeline.</summary>
    public string? PausedBy { get; init; }
    /// <summary>When the job last moved to paused; kept after a resume, for the timeline.</summary>
    public DateTimeOffset? PausedAt { get; init; }
    /// <summary>When the job was last resumed, for the timeline.</summary>
    public DateTimeOffset? ResumedAt { get; init; }
    /// <summary>Who resumed it last (username), for the timeline.</summary>
    public string? ResumedBy { get; init; }
    /// <summary>Running with a pause asked: the worker pauses it at its next chunk boundary.</summary>
    public bool IsPausing => Status == JobStatus.Running && PauseRequestedAt is not null;
    /// <summary>The error-rate stop it runs under, or null for none.</summary>
    public StopOnErrors? StopOnErrors { get; init; }
    /// <summary>Items with at least one error (<see cref="ErrorCount"/> counts error rows, several per item at times).</summary>
    public long FailedItems { get; init; }
    /// <summary>Why the engine itself stopped the job (<see cref="Jobs.StopOnErrors.Reason"/>); null otherwise, an abort by a person included.</summary>
    public string? StopReason { get; init; }
    /// <summary>The W3C traceparent of the traced request that created the job: its runs link to that span.</summary>
    public string? TraceParent { get; init; }

    public long Processed => Checkpoint.Processed;

    /// <summary>Integer 0–100; 100 only once the job completed, so a bar never claims "done" early.</summary>
    public int Percent
    {
        get
        {
            if (Status == JobStatus.Completed) return 100;
            if (Total <= 0) return 0;
            return (int)Math.Min(99, Processed * 100 / Total);
        }
    }
}
