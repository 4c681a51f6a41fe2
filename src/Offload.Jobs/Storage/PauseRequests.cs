namespace Offload.Jobs.Storage;

/// <param name="By">Who asked: audited, and their username kept for the job's timeline.</param>
public sealed record PauseJobRequest(Guid Id, DateTimeOffset Now, Audit.AuditUser By);

/// <param name="By">Who asked: audited, and their username kept for the job's timeline.</param>
public sealed record ResumeJobRequest(Guid Id, DateTimeOffset Now, Audit.AuditUser By);

/// <summary>Result of a pause: the job after it, or why nothing changed.</summary>
public sealed record PauseOutcome(PauseResult Result, Job? Job);

public enum PauseResult
{
    /// <summary>The job is paused (a queued one at once, or it already was).</summary>
    Paused,
    /// <summary>It runs on until its next chunk boundary, where the worker pauses it.</summary>
    Pausing,
    /// <summary>Finished or being aborted: there is nothing to pause.</summary>
    NotPausable,
    NotFound,
}

/// <summary>Result of a resume: the job after it, or why nothing changed.</summary>
public sealed record ResumeOutcome(ResumeResult Result, Job? Job);

public enum ResumeResult
{
    /// <summary>Back in the queue, where it was by creation; it goes on from its checkpoint.</summary>
    Resumed,
    /// <summary>Only a paused job resumes.</summary>
    NotPaused,
    NotFound,
}
