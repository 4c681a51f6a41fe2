using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>What a store keeps of a job's error-rate stop: the rule itself, the failed items it is judged on, and the stop's reason.</summary>
public abstract class StopOnErrorsContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private Task<Job> EnqueueAsync(StopOnErrors? rule) =>
        Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(T0), "test.kind", "A job", 1, "owner1", 100, "{}", T0, T0.AddDays(14),
            StopOnErrors: rule), default);

    private Task<Job?> GetAsync(Guid id) => Stores.Monitor.GetAsync(new GetJobRequest(id), default);

    private async Task<Job> ClaimAsync() => (await Stores.Jobs.ClaimAsync(new ClaimRequest("w1", T0, Lease), default)).Single();

    [Fact]
    public async Task The_rule_is_stored_with_the_job_and_read_back_by_the_claim()
    {
        var job = await EnqueueAsync(new StopOnErrors(50, 1000));
        Assert.Equal(new StopOnErrors(50, 1000), job.StopOnErrors);
        Assert.Equal(new StopOnErrors(50, 1000), (await ClaimAsync()).StopOnErrors);
        Assert.Null((await EnqueueAsync(null)).StopOnErrors);
    }

    [Fact]
    public async Task A_chunk_adds_its_failed_items_once_each_however_many_errors_an_item_has()
    {
        var job = await EnqueueAsync(new StopOnErrors(50, 10));
        await ClaimAsync();
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "w1", T0, Checkpoint.Start), default))
        {
            tx.AddError(new ItemError(2, "email", "bad", "x"));
            tx.AddError(new ItemError(2, "branch", "bad", "y"));
            tx.AddError(new ItemError(5, "email", "bad", "z"));
            Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(10), default));
        }
        var read = (await GetAsync(job.Id))!;
        Assert.Equal(3, read.ErrorCount);
        Assert.Equal(2, read.FailedItems);
        // A refused chunk adds nothing.
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "w2", T0, read.Checkpoint), default))
        {
            tx.AddError(new ItemError(11, "email", "bad", "x"));
            Assert.Equal(ChunkCommit.LeaseLost, await tx.CommitAsync(new Checkpoint(20), default));
        }
        Assert.Equal(2, (await GetAsync(job.Id))!.FailedItems);
    }

    [Fact]
    public async Task A_running_job_stopped_by_its_rule_ends_aborted_with_the_reason()
    {
        var job = await EnqueueAsync(new StopOnErrors(50, 10));
        await ClaimAsync();
        // Straight from running: no person asked, so it never was aborting.
        Assert.True(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w1", JobStatus.Aborted, T0, StopReason: StopOnErrors.Reason), default));
        var read = (await GetAsync(job.Id))!;
        Assert.Equal(JobStatus.Aborted, read.Status);
        Assert.Equal("errorRate", read.StopReason);
        Assert.Null(read.LeaseOwner);
    }

    [Fact]
    public async Task Any_other_end_leaves_the_reason_null()
    {
        var job = await EnqueueAsync(new StopOnErrors(50, 10));
        await ClaimAsync();
        Assert.True(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w1", JobStatus.Failed, T0, "boom"), default));
        Assert.Null((await GetAsync(job.Id))!.StopReason);
    }
}
