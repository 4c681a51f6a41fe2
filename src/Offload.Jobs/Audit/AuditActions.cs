namespace Offload.Jobs.Audit;

/// <summary>The closed set of actions the audit trail records (SPEC §10), as they are stored and sent in JSON.</summary>
public static class AuditActions
{
    /// <summary>A job was started (a mass action, an import); the entry names the new job.</summary>
    public const string Start = "job.start";
    public const string Abort = "job.abort";
    /// <summary>Reserved for pause/resume, which a later round builds: the store already accepts the names.</summary>
    public const string Pause = "job.pause";
    public const string Resume = "job.resume";
    /// <summary>A retry of a job's failed items: the entry names the job retried (and its owner), the new job beside it.</summary>
    public const string Retry = "job.retry";
    /// <summary>An undo: the entry names the job undone (and its owner), the new job beside it.</summary>
    public const string Undo = "job.undo";
    public const string Delete = "job.delete";

    public static readonly IReadOnlyList<string> All = [Start, Abort, Pause, Resume, Retry, Undo, Delete];

    public static bool IsKnown(string? action) => action is not null && All.Contains(action, StringComparer.Ordinal);
}
