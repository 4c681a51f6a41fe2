using Offload.Jobs.Audit;
using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>What a job's own page reads and shows: who asked for an abort, its place in the queue, the jobs that follow it up.</summary>
public abstract class JobDetailsContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private Task<Job> EnqueueAsync(long owner, int second, Guid? retryOf = null, Guid? undoOf = null)
    {
        var at = T0.AddSeconds(second);
        return Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(at), "test.kind", $"Job of {owner}", owner, $"owner{owner}", 10,
            "{}", at, at.AddDays(14), retryOf, undoOf), default);
    }

    private async Task<Job> GetAsync(Guid id) => (await Stores.Monitor.GetAsync(new GetJobRequest(id), default))!;

    [Fact]
    public async Task The_first_abort_request_names_who_asked_and_when_and_later_ones_change_nothing()
    {
        var job = await EnqueueAsync(1, 0);
        Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("w1", T0, TimeSpan.FromSeconds(30)), default));
        var first = await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(5), new AuditUser(9, "camille")), default);
        Assert.Equal(AbortResult.Aborting, first.Result);
        Assert.Equal("camille", first.Job!.AbortRequestedBy);
        Assert.Equal(T0.AddSeconds(5), first.Job.AbortRequestedAt);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(9), new AuditUser(9, "pierre")), default);
        var read = await GetAsync(job.Id);
        Assert.Equal("camille", read.AbortRequestedBy);
        Assert.Equal(T0.AddSeconds(5), read.AbortRequestedAt);
    }

    [Fact]
    public async Task A_queued_job_aborted_at_once_keeps_who_asked()
    {
        var job = await EnqueueAsync(1, 0);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(3), new AuditUser(9, "admin")), default);
        var read = await GetAsync(job.Id);
        Assert.Equal(JobStatus.Aborted, read.Status);
        Assert.Equal("admin", read.AbortRequestedBy);
        Assert.Equal(T0.AddSeconds(3), read.AbortRequestedAt);
    }

    [Fact]
    public async Task A_job_never_asked_to_abort_names_nobody()
    {
        var job = await EnqueueAsync(1, 0);
        var read = await GetAsync(job.Id);
        Assert.Null(read.AbortRequestedBy);
        Assert.Null(read.AbortRequestedAt);
    }

    [Fact]
    public async Task Queued_jobs_ahead_are_the_older_queued_ones_of_every_owner()
    {
        var first = await EnqueueAsync(1, 0);
        var second = await EnqueueAsync(2, 1);
        var third = await EnqueueAsync(1, 2);
        var fourth = await EnqueueAsync(3, 3);
        Assert.Equal(0, await AheadAsync(first.Id));
        Assert.Equal(3, await AheadAsync(fourth.Id));
        // Running and finished jobs are not in the queue any more.
        Assert.Equal(first.Id, Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("w1", T0.AddSeconds(4), TimeSpan.FromSeconds(30)), default)).Id);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(second.Id, T0.AddSeconds(5), new AuditUser(9, "admin")), default);
        Assert.Equal(0, await AheadAsync(third.Id));
        Assert.Equal(1, await AheadAsync(fourth.Id));
    }

    private Task<long> AheadAsync(Guid id) => Stores.JobDetails.CountQueuedAheadAsync(new CountQueuedAheadRequest(id), default);

    [Fact]
    public async Task Follow_ups_are_the_retries_and_the_undo_of_a_job_oldest_first()
    {
        var original = await EnqueueAsync(1, 0);
        var other = await EnqueueAsync(1, 1);
        var retry = await EnqueueAsync(1, 2, retryOf: original.Id);
        var undo = await EnqueueAsync(2, 3, undoOf: original.Id);
        await EnqueueAsync(1, 4, retryOf: other.Id);
        var followUps = await Stores.JobDetails.ListFollowUpsAsync(new ListFollowUpsRequest(original.Id), default);
        Assert.Equal([retry.Id, undo.Id], followUps.Select(j => j.Id));
        Assert.Equal(original.Id, followUps[0].RetryOf);
        Assert.Equal(original.Id, followUps[1].UndoOf);
        Assert.Empty(await Stores.JobDetails.ListFollowUpsAsync(new ListFollowUpsRequest(retry.Id), default));
    }
}
