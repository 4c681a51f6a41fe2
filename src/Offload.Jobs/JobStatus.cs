namespace Offload.Jobs;

/// <summary>The closed set of states a job moves through; drawn in docs/job-states.md.</summary>
public enum JobStatus
{
    /// <summary>Created with its frozen input (or resumed); leaves when a worker claims it (running), on pause (paused) or on abort (aborted).</summary>
    Queued,
    /// <summary>A worker holds its lease and commits chunks; leaves for completed, aborting, failed, aborted when its error-rate stop fires, or paused at the chunk boundary after a pause was asked.</summary>
    Running,
    /// <summary>Abort requested while running; the worker stops at the next chunk boundary and moves it to aborted.</summary>
    Aborting,
    /// <summary>Terminal: every item was processed (item errors are counted, never fatal).</summary>
    Completed,
    /// <summary>Terminal: stopped on request or by its error-rate stop (stopReason); items already processed stay processed.</summary>
    Aborted,
    /// <summary>Terminal: an infrastructure fault survived the retries; failureReason says which.</summary>
    Failed,
    /// <summary>Stopped at a chunk boundary on request, keeping its checkpoint; holds no worker and no lease. Leaves on resume (queued) or abort (aborted).</summary>
    Paused,
}

/// <summary>Names and rules of <see cref="JobStatus"/> shared by stores and the API.</summary>
public static class JobStatuses
{
    /// <summary>Every legal move of the state machine (SPEC §4); anything else is rejected.</summary>
    private static readonly HashSet<(JobStatus From, JobStatus To)> Moves =
    [
        (JobStatus.Queued, JobStatus.Running),
        (JobStatus.Queued, JobStatus.Aborted),
        (JobStatus.Running, JobStatus.Completed),
        (JobStatus.Running, JobStatus.Aborting),
        (JobStatus.Running, JobStatus.Failed),
        (JobStatus.Running, JobStatus.Aborted),
        (JobStatus.Aborting, JobStatus.Aborted),
        (JobStatus.Queued, JobStatus.Paused),
        (JobStatus.Running, JobStatus.Paused),
        (JobStatus.Paused, JobStatus.Queued),
        (JobStatus.Paused, JobStatus.Aborted),
    ];

    /// <summary>True when the state machine allows moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(JobStatus from, JobStatus to) => Moves.Contains((from, to));

    /// <summary>Completed, aborted and failed jobs never change again.</summary>
    public static bool IsFinished(this JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Aborted or JobStatus.Failed;

    /// <summary>The lower-case name used in JSON, SQL and query strings.</summary>
    public static string ToName(this JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Aborting => "aborting",
        JobStatus.Completed => "completed",
        JobStatus.Aborted => "aborted",
        JobStatus.Failed => "failed",
        JobStatus.Paused => "paused",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Parses a lower-case name; false for anything else.</summary>
    public static bool TryParse(string? name, out JobStatus status)
    {
        foreach (var s in Enum.GetValues<JobStatus>())
        {
            if (string.Equals(s.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }
}
