namespace Offload.Jobs.Audit;

/// <summary>One recorded action on a job: who did it, when, to which job, and whose job it was.</summary>
/// <param name="Id">Increasing with every entry: newest first and the keyset cursor are on it.</param>
/// <param name="NewJobId">The job a retry or an undo started; null for the other actions.</param>
/// <param name="JobExists">Whether the job is still stored (a deleted or expired job's entries stay).</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, AuditUser Actor, string Action, Guid JobId, AuditUser Owner, Guid? NewJobId,
    bool JobExists);
