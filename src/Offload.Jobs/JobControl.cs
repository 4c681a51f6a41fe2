using Offload.Jobs.Audit;
using Offload.Jobs.Completion;
using Offload.Jobs.Storage;

namespace Offload.Jobs;

/// <summary>What a person can do to a job from the page or the API: abort, pause, resume or delete it.</summary>
public sealed class JobControl(IJobMonitor monitor, IJobCompletionComposer composer, JobFiles files, JobEvents events, JobSignal signal, TimeProvider clock)
{
    /// <param name="by">Who asked: audited if the abort takes effect; the first ask is the one the job's timeline shows.</param>
    public async Task<AbortOutcome> AbortAsync(Guid id, AuditUser by, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A queued or paused job ends right here, so its owner's notice and mail are composed now, in case.
        var completion = await monitor.GetAsync(new GetJobRequest(id), ct) is { Status: JobStatus.Queued or JobStatus.Paused } waiting
            ? await composer.ComposeAsync(waiting with { Status = JobStatus.Aborted, FinishedAt = now }, ct)
            : null;
        var outcome = await monitor.AbortAsync(new AbortJobRequest(id, now, by, completion), ct);
        if (outcome.Job is { } job && outcome.Result is AbortResult.Aborted or AbortResult.Aborting)
            events.Publish(new JobChange(job.Id, job.OwnerId, outcome.Result == AbortResult.Aborted ? JobChangeKind.Finished : JobChangeKind.Aborting));
        return outcome;
    }

    /// <param name="by">Who asked: audited if the pause takes effect, and shown on the job's timeline.</param>
    public async Task<PauseOutcome> PauseAsync(Guid id, AuditUser by, CancellationToken ct)
    {
        var outcome = await monitor.PauseAsync(new PauseJobRequest(id, clock.GetUtcNow(), by), ct);
        if (outcome.Job is { } job && outcome.Result is PauseResult.Paused or PauseResult.Pausing)
            events.Publish(new JobChange(job.Id, job.OwnerId, outcome.Result == PauseResult.Paused ? JobChangeKind.Paused : JobChangeKind.Pausing));
        return outcome;
    }

    /// <summary>Queues a paused job again and wakes this node's workers for it (other nodes' through the change relay).</summary>
    public async Task<ResumeOutcome> ResumeAsync(Guid id, AuditUser by, CancellationToken ct)
    {
        var outcome = await monitor.ResumeAsync(new ResumeJobRequest(id, clock.GetUtcNow(), by), ct);
        if (outcome is { Result: ResumeResult.Resumed, Job: { } job })
        {
            signal.Pulse();
            events.Publish(new JobChange(job.Id, job.OwnerId, JobChangeKind.Resumed));
        }
        return outcome;
    }

    /// <summary>Deletes the rows first: a crash after that leaves only an orphan folder, never a job without its input.</summary>
    public async Task<DeleteOutcome> DeleteAsync(Job job, AuditUser by, CancellationToken ct)
    {
        var outcome = await monitor.DeleteAsync(new DeleteJobRequest(job.Id, by, clock.GetUtcNow()), ct);
        if (outcome == DeleteOutcome.Deleted)
        {
            files.Delete(job.Id);
            events.Publish(new JobChange(job.Id, job.OwnerId, JobChangeKind.Deleted));
        }
        return outcome;
    }
}
