using Offload.Jobs;
using Offload.Jobs.Completion;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>A job's errors grouped by reason, kept as its chunks commit: what every driver must do.</summary>
public abstract class ErrorGroupsContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private const string Invalid = "The email address is not valid.";
    private const string Taken = "This username is already taken.";

    private async Task<Guid> StartJobAsync(string worker = "w1")
    {
        var id = Guid.CreateVersion7(T0);
        await Stores.Jobs.EnqueueAsync(new EnqueueRequest(id, "test.kind", "Job", 1, "owner1", 100, "{}", T0, T0.AddDays(14)), default);
        Assert.Equal(id, Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest(worker, T0, Lease), default)).Id);
        return id;
    }

    private async Task<ChunkTransaction> BeginAsync(Guid id, string worker = "w1")
    {
        var from = (await Stores.Monitor.GetAsync(new GetJobRequest(id), default))!.Checkpoint;
        return await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(id, worker, T0, from), default);
    }

    private static void Fail(ChunkTransaction tx, string field, string message, params long[] rows)
    {
        foreach (var row in rows) tx.AddError(new ItemError(row, field, message, $"value {row}"));
    }

    private Task<ErrorGroupSummary> ReadAsync(Guid id, int top = 20) =>
        Stores.ErrorGroups.ReadAsync(new ReadErrorGroupsRequest(id, top), default);

    [Fact]
    public async Task Groups_add_up_across_chunks_and_keep_the_first_rows_the_reason_happened_on()
    {
        var id = await StartJobAsync();
        await using (var tx = await BeginAsync(id))
        {
            // Out of row order within the chunk: the samples are still the first rows.
            Fail(tx, "email", Invalid, 9, 2, 5);
            Fail(tx, "username", Taken, 3);
            Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(10), default));
        }
        await using (var tx = await BeginAsync(id))
        {
            Fail(tx, "email", Invalid, 11, 12, 14, 19);
            Fail(tx, "", "Row has 3 columns, the header 4.", 15);
            Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(20), default));
        }
        await using (var tx = await BeginAsync(id))
        {
            Fail(tx, "email", Invalid, 21);
            Fail(tx, "username", Taken, 22, 23);
            Assert.Equal(ChunkCommit.Completed, await tx.CommitLastAsync(new Checkpoint(30), JobCompletion.None, T0, default));
        }

        var read = await ReadAsync(id);
        Assert.Equal(
            [("email", Invalid, 8L, "2,5,9,11,12"), ("username", Taken, 3L, "3,22,23"), ("", "Row has 3 columns, the header 4.", 1L, "15")],
            read.Items.Select(g => (g.Field, g.Message, g.Count, string.Join(',', g.SampleRows))));
        Assert.Equal((0L, 0L), (read.OtherGroups, read.OtherCount));
        Assert.Equal(12, (await Stores.Monitor.GetAsync(new GetJobRequest(id), default))!.ErrorCount);
    }

    [Fact]
    public async Task The_largest_groups_come_first_and_the_rest_is_summed()
    {
        var id = await StartJobAsync();
        await using (var tx = await BeginAsync(id))
        {
            Fail(tx, "a", "First", 1, 2, 3, 4);
            Fail(tx, "b", "Second", 5, 6, 7);
            Fail(tx, "c", "Third", 8, 9);
            Fail(tx, "d", "Fourth", 10);
            Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(10), default));
        }
        var top2 = await ReadAsync(id, top: 2);
        Assert.Equal(["First", "Second"], top2.Items.Select(g => g.Message));
        Assert.Equal((2L, 3L), (top2.OtherGroups, top2.OtherCount));
        Assert.Equal(4, (await ReadAsync(id, top: 100)).Items.Count);
    }

    [Fact]
    public async Task A_job_without_errors_has_no_groups()
    {
        var id = await StartJobAsync();
        await using (var tx = await BeginAsync(id))
            Assert.Equal(ChunkCommit.Completed, await tx.CommitLastAsync(new Checkpoint(10), JobCompletion.None, T0, default));
        var read = await ReadAsync(id);
        Assert.Empty(read.Items);
        Assert.Equal((0L, 0L), (read.OtherGroups, read.OtherCount));
    }

    [Fact]
    public async Task A_chunk_rolled_back_refused_or_replayed_leaves_no_counts()
    {
        var id = await StartJobAsync("w1");
        await using (var tx = await BeginAsync(id))
        {
            Fail(tx, "email", Invalid, 1);
            Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(10), default));
        }
        // Crashed mid-chunk: disposed without a commit.
        await using (var tx = await BeginAsync(id)) Fail(tx, "email", Invalid, 11, 12);
        // The same chunk run again from a checkpoint that already moved.
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(id, "w1", T0, Checkpoint.Start), default))
        {
            Fail(tx, "email", Invalid, 1);
            Fail(tx, "username", Taken, 2);
            Assert.Equal(ChunkCommit.CheckpointMoved, await tx.CommitAsync(new Checkpoint(10), default));
        }
        // Another worker took the job over; the old one's last chunk is refused.
        Assert.NotNull(Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("w2", T0 + Lease + TimeSpan.FromSeconds(1), Lease), default)));
        await using (var tx = await BeginAsync(id, "w1"))
        {
            Fail(tx, "email", Invalid, 13);
            Assert.Equal(ChunkCommit.LeaseLost, await tx.CommitLastAsync(new Checkpoint(20), JobCompletion.None, T0, default));
        }

        var group = Assert.Single((await ReadAsync(id)).Items);
        Assert.Equal(("email", 1L, "1"), (group.Field, group.Count, string.Join(',', group.SampleRows)));
    }

    [Fact]
    public async Task A_deleted_job_leaves_no_groups()
    {
        var id = await StartJobAsync();
        await using (var tx = await BeginAsync(id))
        {
            Fail(tx, "email", Invalid, 1, 2);
            Assert.Equal(ChunkCommit.Completed, await tx.CommitLastAsync(new Checkpoint(10), JobCompletion.None, T0, default));
        }
        Assert.Single((await ReadAsync(id)).Items);
        Assert.Equal(DeleteOutcome.Deleted, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(id, Someone, DateTimeOffset.UnixEpoch), default));
        Assert.Empty((await ReadAsync(id)).Items);
    }
}
