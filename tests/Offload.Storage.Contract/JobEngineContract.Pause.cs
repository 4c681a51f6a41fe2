using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>Pause and resume as the engine applies them, on a driver's real store.</summary>
public abstract partial class JobEngineContract
{
    [Fact]
    public async Task A_paused_job_stops_at_its_next_chunk_frees_its_worker_and_resumed_completes_every_item_once()
    {
        await StartEngineAsync(o => o.Workers = 1);
        var job = await EnqueueAsync("pause", 400, new HandlerScript { ChunkDelay = TimeSpan.FromMilliseconds(30) });
        await WaitForAsync(job.Id, j => j.Processed >= 30);
        var control = _services.GetRequiredService<JobControl>();
        var asked = await control.PauseAsync(job.Id, Someone, default);
        Assert.Equal(PauseResult.Pausing, asked.Result);
        var paused = await WaitForAsync(job.Id, j => j.Status == JobStatus.Paused);
        // The chunk in flight when it was asked (the row the ask wrote says where the job stood) commits; no other starts.
        Assert.InRange(paused.Processed, asked.Job!.Processed, asked.Job.Processed + 10);
        Assert.Null(paused.LeaseOwner);

        // Its one worker is free: another job runs to the end while it is paused, and its counts stay frozen.
        var other = await EnqueueAsync("meanwhile", 20);
        Assert.Equal(JobStatus.Completed, (await WaitForAsync(other.Id, j => j.Status.IsFinished())).Status);
        Assert.Equal(paused.Processed, (await Stores.Monitor.GetAsync(new GetJobRequest(job.Id), default))!.Processed);
        Assert.Equal(paused.Processed, await CountUsersAsync("pause"));

        Assert.Equal(ResumeResult.Resumed, (await control.ResumeAsync(job.Id, Someone, default)).Result);
        var done = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(400, done.Processed);
        Assert.Equal(400, await CountUsersAsync("pause"));
    }

    [Fact]
    public async Task A_job_whose_worker_died_while_pausing_is_paused_by_the_next_claim_without_running_a_chunk()
    {
        // A worker committed a chunk, the pause was asked, and the worker died before its boundary.
        var now = DateTimeOffset.UtcNow;
        var job = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(JobQueue.NewId(), TestUsersHandler.KindName, "died", 1, "admin", 100,
            "died", now, now.AddDays(1)), default);
        Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("dead", now, TimeSpan.FromMilliseconds(1)), default));
        await Stores.Monitor.PauseAsync(new PauseJobRequest(job.Id, now, Someone), default);

        await StartEngineAsync();
        var paused = await WaitForAsync(job.Id, j => j.Status == JobStatus.Paused);
        Assert.Equal(0, paused.Processed);
        Assert.Equal(0, await CountUsersAsync("died"));
    }
}
