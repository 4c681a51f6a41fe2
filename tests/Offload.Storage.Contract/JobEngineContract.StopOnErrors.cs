using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>The error-rate stop as the engine applies it, on a driver's real store.</summary>
public abstract partial class JobEngineContract
{
    private async Task<Job> EnqueueAsync(string name, long total, StopOnErrors rule, HandlerScript script)
    {
        _handler.Script[name] = script;
        return await _services.GetRequiredService<JobQueue>().EnqueueAsync(
            new NewJob(JobQueue.NewId(), TestUsersHandler.KindName, name, 1, "admin", total, name, StopOnErrors: rule), default);
    }

    [Fact]
    public async Task A_job_whose_items_mostly_fail_stops_at_the_first_boundary_past_its_threshold()
    {
        await StartEngineAsync();
        var job = await EnqueueAsync("wrong", 1000, new StopOnErrors(50, 100), new HandlerScript { ErrorEvery = 1 });
        var ended = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Aborted, ended.Status);
        Assert.Equal(StopOnErrors.Reason, ended.StopReason);
        // Chunks of 10: the rule is judged after each, and first holds at item 100.
        Assert.Equal(100, ended.Processed);
        Assert.Equal(100, ended.FailedItems);
        Assert.Null(ended.AbortRequestedBy);
    }

    [Fact]
    public async Task A_job_whose_errors_stay_under_its_threshold_completes()
    {
        await StartEngineAsync();
        var job = await EnqueueAsync("fine", 300, new StopOnErrors(50, 10), new HandlerScript { ErrorEvery = 3 });
        var ended = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Completed, ended.Status);
        Assert.Null(ended.StopReason);
        Assert.Equal(300, ended.Processed);
        Assert.Equal(100, ended.FailedItems);
    }

    [Fact]
    public async Task A_job_resumed_past_its_threshold_stops_without_running_another_chunk()
    {
        // A worker committed the chunk that crossed the threshold, then died before ending the job.
        var now = DateTimeOffset.UtcNow;
        var job = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(JobQueue.NewId(), TestUsersHandler.KindName, "crashed", 1, "admin", 1000,
            "crashed", now, now.AddDays(1), StopOnErrors: new StopOnErrors(50, 100)), default);
        Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("dead", now, TimeSpan.FromMilliseconds(1)), default));
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "dead", now, Checkpoint.Start), default))
        {
            for (var row = 1; row <= 100; row++) tx.AddError(new ItemError(row, "username", "refused", null));
            Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(100), default));
        }

        await StartEngineAsync();
        var ended = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Aborted, ended.Status);
        Assert.Equal(StopOnErrors.Reason, ended.StopReason);
        Assert.Equal(100, ended.Processed);
        Assert.Equal(0, await CountUsersAsync("crashed"));
    }
}
