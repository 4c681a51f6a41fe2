using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>What every driver must do with change records: keep them with the chunk that wrote them, give them back in order, count them, and drop them with their job.</summary>
public abstract class JobChangesContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private async Task<Guid> RunningJobAsync(long owner = 1, Guid? undoOf = null)
    {
        var id = Guid.CreateVersion7(T0);
        await Stores.Jobs.EnqueueAsync(new EnqueueRequest(id, "test.kind", "Changes", owner, "owner", 10, "{}", T0, T0.AddDays(14), UndoOf: undoOf), default);
        Assert.Equal(id, Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("w1", T0, Lease), default)).Id);
        return id;
    }

    /// <summary>One chunk from <paramref name="from"/> that records <paramref name="records"/>, committed or (commit false) rolled back.</summary>
    private async Task ChunkAsync(Guid job, long from, bool commit, params (string Change, long Items, byte[] Payload)[] records)
    {
        await using var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job, "w1", T0, new Checkpoint(from)), default);
        foreach (var (change, items, payload) in records)
            await Stores.Changes.RecordAsync(new RecordChangeRequest(job, from, change, items, payload), tx, default);
        if (commit) Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(from + 2), default));
    }

    private async Task<List<ChangeRecord>> ReadAllAsync(Guid job)
    {
        var all = new List<ChangeRecord>();
        for (var after = -1L; ;)
        {
            var next = await Stores.Changes.ReadNextAsync(new ReadChangesRequest(job, after), default);
            if (next.Count == 0) return all;
            Assert.All(next, r => Assert.Equal(next[0].Seq, r.Seq));
            all.AddRange(next);
            after = next[0].Seq;
        }
    }

    [Fact]
    public async Task Records_come_back_chunk_by_chunk_in_the_order_the_chunks_ran_with_their_payloads_intact()
    {
        var job = await RunningJobAsync();
        await ChunkAsync(job, 0, true, ("b.kind", 2, [1, 2, 255]), ("a.kind", 1, [0]));
        await ChunkAsync(job, 2, true, ("a.kind", 2, [7, 8]));
        await ChunkAsync(job, 4, false, ("a.kind", 2, [9]));
        var big = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        await ChunkAsync(job, 4, true, ("a.kind", 2000, big));

        var read = await ReadAllAsync(job);

        Assert.Equal([(0L, "a.kind", 1L), (0L, "b.kind", 2L), (2L, "a.kind", 2L), (4L, "a.kind", 2000L)], read.Select(r => (r.Seq, r.Change, r.Items)));
        Assert.Equal(new byte[] { 1, 2, 255 }, read[1].Payload);
        Assert.Equal(big, read[3].Payload);
        Assert.Empty(await Stores.Changes.ReadNextAsync(new ReadChangesRequest(job, 4), default));
    }

    [Fact]
    public async Task Reading_ahead_brings_the_records_of_whole_chunks_only_and_picks_up_after_the_last_one()
    {
        var job = await RunningJobAsync();
        await ChunkAsync(job, 0, true, ("b.kind", 2, [1]), ("a.kind", 1, [2]));
        await ChunkAsync(job, 2, true, ("a.kind", 2, [3]));
        await ChunkAsync(job, 4, true, ("a.kind", 1, [4]), ("c.kind", 1, [5]));

        var first = await Stores.Changes.ReadNextAsync(new ReadChangesRequest(job, -1, Chunks: 2), default);
        var rest = await Stores.Changes.ReadNextAsync(new ReadChangesRequest(job, first[^1].Seq, Chunks: 2), default);

        Assert.Equal([(0L, "a.kind"), (0L, "b.kind"), (2L, "a.kind")], first.Select(r => (r.Seq, r.Change)));
        Assert.Equal([(4L, "a.kind"), (4L, "c.kind")], rest.Select(r => (r.Seq, r.Change)));
        Assert.Empty(await Stores.Changes.ReadNextAsync(new ReadChangesRequest(job, 4, Chunks: 2), default));
    }

    [Fact]
    public async Task Counting_sums_the_items_per_kind_of_change_and_a_rolled_back_chunk_adds_nothing()
    {
        var job = await RunningJobAsync();
        await ChunkAsync(job, 0, true, ("created", 3, [1]), ("updated", 1, [1]));
        await ChunkAsync(job, 2, false, ("created", 50, [1]));
        await ChunkAsync(job, 2, true, ("created", 4, [1]));

        var counts = await Stores.Changes.CountAsync(new CountChangesRequest(job), default);

        Assert.Equal(new Dictionary<string, long> { ["created"] = 7, ["updated"] = 1 }, counts);
        Assert.Empty(await Stores.Changes.CountAsync(new CountChangesRequest(Guid.CreateVersion7(T0)), default));
    }

    [Fact]
    public async Task A_deleted_job_takes_its_records_with_it()
    {
        var job = await RunningJobAsync();
        await ChunkAsync(job, 0, true, ("created", 3, [1]));
        Assert.True(await Stores.Jobs.FinishAsync(new FinishRequest(job, "w1", JobStatus.Completed, T0), default));

        Assert.Equal(DeleteOutcome.Deleted, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(job, Someone, DateTimeOffset.UnixEpoch), default));

        Assert.Empty(await Stores.Changes.CountAsync(new CountChangesRequest(job), default));
        Assert.Empty(await ReadAllAsync(job));
    }

    [Fact]
    public async Task The_undo_of_a_job_is_found_and_a_second_undo_of_the_same_job_is_refused()
    {
        var original = await RunningJobAsync();
        Assert.Null(await Stores.Changes.FindUndoAsync(new FindUndoRequest(original), default));
        var undo = Guid.CreateVersion7(T0.AddSeconds(1));
        await Stores.Jobs.EnqueueAsync(new EnqueueRequest(undo, "jobs.undo", "Undo", 2, "other", 0, "{}", T0, T0.AddDays(14), UndoOf: original), default);

        Assert.Equal(undo, await Stores.Changes.FindUndoAsync(new FindUndoRequest(original), default));
        await Assert.ThrowsAnyAsync<Exception>(() => Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(T0.AddSeconds(2)), "jobs.undo",
            "Undo", 3, "third", 0, "{}", T0, T0.AddDays(14), UndoOf: original), default));
        Assert.Equal(undo, await Stores.Changes.FindUndoAsync(new FindUndoRequest(original), default));
    }
}
