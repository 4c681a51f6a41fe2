using Microsoft.Extensions.Options;
using Offload.Jobs.Storage;

namespace Offload.Jobs;

/// <summary>
/// What a mass action asks for: the job's kind, words, owner, size and frozen input; a retry or undo names the job it
/// follows up; <paramref name="StopOnErrors"/> its error-rate stop, if any.
/// </summary>
public sealed record NewJob(Guid Id, string Kind, string Description, long OwnerId, string OwnerName, long Total, string Input,
    Guid? RetryOf = null, Guid? UndoOf = null, StopOnErrors? StopOnErrors = null);

/// <summary>Creates jobs and wakes a worker for them.</summary>
public sealed class JobQueue(IJobStore store, JobSignal signal, JobEvents events, TimeProvider clock,
    IOptions<JobsOptions> options)
{
    /// <summary>A fresh time-ordered id, so the newest job sorts first and its folder can exist before its row.</summary>
    public static Guid NewId() => JobIds.Shared.Next();

    /// <summary>
    /// Writes the job's row and announces it. Throws only when the row was not written, so a caller may
    /// delete the job's input on an exception: once the row commits nothing after it throws (publishing
    /// never does), and the insert itself is not cancelled half-way, where a cancelled request could not
    /// tell whether its row committed.
    /// </summary>
    public async Task<Job> EnqueueAsync(NewJob job, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var now = clock.GetUtcNow();
        var created = await store.EnqueueAsync(new EnqueueRequest(
            job.Id, job.Kind, job.Description, job.OwnerId, job.OwnerName, job.Total, job.Input,
            now, now + options.Value.Retention, job.RetryOf, job.UndoOf, job.StopOnErrors, JobTracing.CreatorTraceParent()), CancellationToken.None);
        signal.Pulse();
        events.Publish(new JobChange(created.Id, created.OwnerId, JobChangeKind.Created));
        return created;
    }
}
