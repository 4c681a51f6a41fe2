using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>The engine (worker pool, runner, abort, retries) running on a driver's real store.</summary>
public abstract partial class JobEngineContract : StoreContract
{
    private ServiceProvider _services = null!;
    private TestUsersHandler _handler = null!;

    private async Task StartEngineAsync(Action<JobsOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(Stores.Jobs).AddSingleton(Stores.Monitor).AddSingleton(Stores.Retention).AddSingleton(Stores.Counts).AddSingleton(Stores.Users)
            .AddSingleton(Stores.Audit);
        services.Configure<JobsOptions>(o =>
        {
            o.Workers = 2;
            o.RetryBackoff = TimeSpan.FromMilliseconds(10);
            o.LeaseDuration = TimeSpan.FromSeconds(3);
            o.DataPath = Path.Combine(Path.GetTempPath(), "offload-engine-" + Guid.NewGuid().ToString("N"));
            configure?.Invoke(o);
        });
        services.AddOffloadJobs(runWorkers: true);
        services.AddSingleton<TestUsersHandler>();
        services.AddSingleton<IJobHandler>(sp => sp.GetRequiredService<TestUsersHandler>());
        _services = services.BuildServiceProvider();
        _handler = _services.GetRequiredService<TestUsersHandler>();
        foreach (var hosted in _services.GetServices<IHostedService>()) await hosted.StartAsync(default);
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            foreach (var hosted in _services.GetServices<IHostedService>()) await hosted.StopAsync(default);
            await _services.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    private async Task<Job> EnqueueAsync(string name, long total, HandlerScript? script = null)
    {
        if (script is not null) _handler.Script[name] = script;
        return await _services.GetRequiredService<JobQueue>().EnqueueAsync(
            new NewJob(JobQueue.NewId(), TestUsersHandler.KindName, name, 1, "admin", total, name), default);
    }

    private async Task<Job> WaitForAsync(Guid id, Func<Job, bool> done, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await Stores.Monitor.GetAsync(new GetJobRequest(id), default);
            if (job is not null && done(job)) return job;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Job {id} is still {job?.Status} at {job?.Processed}/{job?.Total}.");
            await Task.Delay(20);
        }
    }

    private async Task<long> CountUsersAsync(string prefix)
    {
        long found = 0;
        // Users are named "{prefix}-u{n}": look each one up to prove none is missing.
        for (var n = 0; ; n++)
        {
            if (await Stores.Users.FindByUsernameAsync(new FindUserRequest($"{prefix}-u{n}"), default) is null) return found;
            found++;
        }
    }

    [Fact]
    public async Task A_job_runs_chunk_by_chunk_to_completed_with_every_item_once()
    {
        await StartEngineAsync();
        var job = await EnqueueAsync("complete", 95);
        var done = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(95, done.Processed);
        Assert.Equal(100, done.Percent);
        Assert.Equal(0, done.ErrorCount);
        Assert.NotNull(done.StartedAt);
        Assert.NotNull(done.FinishedAt);
        Assert.Equal(95, await CountUsersAsync("complete"));
    }

    [Fact]
    public async Task A_failing_chunk_is_retried_and_the_job_completes_without_duplicates()
    {
        await StartEngineAsync();
        var job = await EnqueueAsync("flaky", 50, new HandlerScript { FailuresLeft = 2 });
        var done = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(0, done.ErrorCount);
        Assert.Equal(50, await CountUsersAsync("flaky"));
    }

    [Fact]
    public async Task A_chunk_that_keeps_failing_fails_the_job_with_a_reason()
    {
        await StartEngineAsync(o => o.ChunkRetries = 3);
        var job = await EnqueueAsync("broken", 50, new HandlerScript { FailuresLeft = 100 });
        var done = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Failed, done.Status);
        // The exception's own words go to the log, never to the people reading the job.
        Assert.Equal("An unexpected error stopped the job, even after retries; the server log has the details.", done.FailureReason);
        Assert.Equal(100 - 4, _handler.Script["broken"].FailuresLeft); // first try + 3 retries
        Assert.Equal(0, await CountUsersAsync("broken"));
    }

    [Fact]
    public async Task A_database_out_of_reach_for_longer_than_the_retries_is_waited_out_and_the_job_completes()
    {
        await StartEngineAsync(o => o.ChunkRetries = 3);
        var job = await EnqueueAsync("outage", 50, new HandlerScript { ConnectionLossesLeft = 8 });
        var done = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Null(done.FailureReason);
        Assert.Equal(0, _handler.Script["outage"].ConnectionLossesLeft);
        Assert.Equal(50, await CountUsersAsync("outage"));
    }

    [Fact]
    public async Task Abort_stops_a_running_job_within_a_second_and_keeps_what_was_processed()
    {
        await StartEngineAsync();
        var job = await EnqueueAsync("slow", 100_000, new HandlerScript { ChunkDelay = TimeSpan.FromMilliseconds(50) });
        await WaitForAsync(job.Id, j => j.Processed >= 30);
        var control = _services.GetRequiredService<JobControl>();
        var requested = DateTimeOffset.UtcNow;
        var outcome = await control.AbortAsync(job.Id, Someone, default);
        Assert.Equal(AbortResult.Aborting, outcome.Result);
        var aborted = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Aborted, aborted.Status);
        Assert.True(aborted.FinishedAt - requested <= TimeSpan.FromSeconds(1),
            $"aborted {aborted.FinishedAt - requested} after the request");
        Assert.InRange(aborted.Processed, 30, 99_999);
        Assert.Equal(aborted.Processed, await CountUsersAsync("slow"));
        Assert.Equal(AbortResult.AlreadyFinished, (await control.AbortAsync(job.Id, Someone, default)).Result);
    }

    [Fact]
    public async Task Delete_removes_a_finished_job_and_its_folder_but_refuses_a_running_one()
    {
        await StartEngineAsync();
        var control = _services.GetRequiredService<JobControl>();
        var files = _services.GetRequiredService<JobFiles>();
        var job = await EnqueueAsync("del", 100_000, new HandlerScript { ChunkDelay = TimeSpan.FromMilliseconds(20) });
        await File.WriteAllTextAsync(files.PathOf(job.Id, "input.csv"), "x");
        await WaitForAsync(job.Id, j => j.Status == JobStatus.Running);
        Assert.Equal(DeleteOutcome.NotFinished, await control.DeleteAsync(job, Someone, default));
        await control.AbortAsync(job.Id, Someone, default);
        var aborted = await WaitForAsync(job.Id, j => j.Status.IsFinished());
        Assert.Equal(DeleteOutcome.Deleted, await control.DeleteAsync(aborted, Someone, default));
        Assert.Null(await Stores.Monitor.GetAsync(new GetJobRequest(job.Id), default));
        Assert.False(Directory.Exists(files.FolderOf(job.Id)));
    }

    [Fact]
    public async Task Stopping_the_engine_mid_job_hands_the_job_back_for_an_immediate_resume()
    {
        await StartEngineAsync(o => o.LeaseDuration = TimeSpan.FromMinutes(10));
        var job = await EnqueueAsync("stop", 100_000, new HandlerScript { ChunkDelay = TimeSpan.FromMilliseconds(20) });
        await WaitForAsync(job.Id, j => j.Processed >= 20);
        foreach (var hosted in _services.GetServices<IHostedService>()) await hosted.StopAsync(default);
        var stopped = await Stores.Monitor.GetAsync(new GetJobRequest(job.Id), default);
        Assert.Equal(JobStatus.Running, stopped!.Status);
        // Even with a ten-minute lease, the next node can take it over right away.
        var next = (await Stores.Jobs.ClaimAsync(new ClaimRequest("next-node", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)), default)).SingleOrDefault();
        Assert.Equal(job.Id, next?.Id);
        Assert.Equal(stopped.Processed, next!.Processed);
        Assert.Equal(stopped.Processed, await CountUsersAsync("stop"));
    }

    [Fact]
    public async Task A_job_whose_worker_died_is_resumed_from_its_checkpoint_by_another()
    {
        // A "dead" worker claimed the job and committed 20 items, then vanished without finishing.
        var now = DateTimeOffset.UtcNow;
        var id = JobQueue.NewId();
        await Stores.Jobs.EnqueueAsync(new EnqueueRequest(id, TestUsersHandler.KindName, "resume", 1, "admin", 60, "resume",
            now, now.AddDays(14)), default);
        await Stores.Jobs.ClaimAsync(new ClaimRequest("dead-worker", now, TimeSpan.FromMilliseconds(300)), default);
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(id, "dead-worker", now, Checkpoint.Start), default))
        {
            var rows = Enumerable.Range(0, 20).Select(i => new ImportedUser($"resume-u{i}", "u@example.com", null, null, null, null, null, null)).ToList();
            await Stores.Users.ImportAsync(new ImportUsersRequest(rows, false, now), tx, default);
            await tx.CommitAsync(new Checkpoint(20), default);
        }
        await StartEngineAsync(o => o.PollInterval = TimeSpan.FromMilliseconds(200));
        var done = await WaitForAsync(id, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(2, done.Attempt);
        Assert.Equal(0, done.ErrorCount); // an item applied twice would be an error row
        Assert.Equal(60, await CountUsersAsync("resume"));
    }

    [Fact]
    public async Task A_small_job_of_another_owner_starts_before_the_next_big_one_of_a_busy_owner()
    {
        // Written straight to the store before the workers start, so the claim order is the only variable.
        var now = DateTimeOffset.UtcNow;
        async Task<Guid> Put(string name, long owner, long total, int offsetMs)
        {
            var id = Guid.CreateVersion7(now.AddMilliseconds(offsetMs));
            await Stores.Jobs.EnqueueAsync(new EnqueueRequest(id, TestUsersHandler.KindName, name, owner, $"o{owner}", total, name,
                now.AddMilliseconds(offsetMs), now.AddDays(14)), default);
            return id;
        }
        await Put("bigA", 1, 1_000_000, 0);
        var bigB = await Put("bigB", 1, 1_000_000, 1);
        var small = await Put("small", 2, 5, 2);
        await StartEngineAsync(o => o.Workers = 2);
        var done = await WaitForAsync(small, j => j.Status.IsFinished());
        Assert.Equal(JobStatus.Completed, done.Status);
        var second = await Stores.Monitor.GetAsync(new GetJobRequest(bigB), default);
        Assert.True(second!.StartedAt is null || second.StartedAt >= done.StartedAt,
            "owner 1's second job started before owner 2's first one");
    }
}
