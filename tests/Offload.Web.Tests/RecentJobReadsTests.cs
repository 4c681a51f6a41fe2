using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Web.Jobs;

namespace Offload.Web.Tests;

public sealed class RecentJobReadsTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    [Fact]
    public async Task Many_streams_asking_for_one_changed_job_share_one_read_until_it_is_no_longer_fresh()
    {
        var admin = await fixture.App.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\nshared,shared@example.com\n");
        var counting = new CountingMonitor(fixture.App.Services.GetRequiredService<IJobMonitor>());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var reads = new RecentJobReads(counting, new JobEtas(clock), new JobEvents(), clock);

        var all = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => reads.GetAsync(job.Id, default)));
        Assert.All(all, j => Assert.Equal(job.Id, j!.Id));
        Assert.Equal(1, counting.Reads);

        clock.Advance(RecentJobReads.Freshness);
        Assert.Equal("queued", (await reads.GetAsync(job.Id, default))!.Status.ToName());
        Assert.Equal(2, counting.Reads);
    }

    [Fact]
    public async Task A_change_after_a_shared_read_is_never_hidden_by_it_however_fresh_the_read()
    {
        var admin = await fixture.App.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\nchanged,changed@example.com\n");
        var monitor = fixture.App.Services.GetRequiredService<IJobMonitor>();
        var counting = new CountingMonitor(monitor);
        var events = new JobEvents();
        using var reads = new RecentJobReads(counting, new JobEtas(TimeProvider.System), events, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var before = (await reads.GetAsync(job.Id, default))!;

        // The job moves on and says so, while the first read is still fresh (the fake clock never moves).
        await fixture.App.Services.GetRequiredService<JobControl>().AbortAsync(job.Id, new Offload.Jobs.Audit.AuditUser(1, "admin"), default);
        events.Publish(new JobChange(job.Id, job.Owner.Id, JobChangeKind.Aborting));

        var after = (await reads.GetAsync(job.Id, default))!;
        Assert.NotEqual(before.Status, after.Status);
        Assert.Equal((await monitor.GetAsync(new GetJobRequest(job.Id), default))!.Status, after.Status);
        Assert.Equal(2, counting.Reads);
    }

    /// <summary>The real store, with its reads counted.</summary>
    private sealed class CountingMonitor(IJobMonitor inner) : IJobMonitor
    {
        private int _reads;

        public int Reads => _reads;

        public Task<Job?> GetAsync(GetJobRequest request, CancellationToken ct)
        {
            Interlocked.Increment(ref _reads);
            return inner.GetAsync(request, ct);
        }

        public Task<JobPage> ListAsync(ListJobsRequest request, CancellationToken ct) => inner.ListAsync(request, ct);
        public Task<AbortOutcome> AbortAsync(AbortJobRequest request, CancellationToken ct) => inner.AbortAsync(request, ct);
        public Task<DeleteOutcome> DeleteAsync(DeleteJobRequest request, CancellationToken ct) => inner.DeleteAsync(request, ct);
        public Task<PauseOutcome> PauseAsync(PauseJobRequest request, CancellationToken ct) => inner.PauseAsync(request, ct);
        public Task<ResumeOutcome> ResumeAsync(ResumeJobRequest request, CancellationToken ct) => inner.ResumeAsync(request, ct);

        public IAsyncEnumerable<ItemError> ReadErrorsAsync(ReadErrorsRequest request, CancellationToken ct) =>
            inner.ReadErrorsAsync(request, ct);
    }
}
