using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>What every driver's job store must do, proven on a real database.</summary>
public abstract class JobStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private async Task<Job> EnqueueAsync(long owner = 1, long total = 10, DateTimeOffset? at = null, string kind = "test.kind")
    {
        var now = at ?? T0;
        return await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(now), kind, $"Job of {owner}", owner,
            $"owner{owner}", total, "{\"x\":1}", now, now.AddDays(14)), default);
    }

    private async Task<Job?> ClaimAsync(string worker = "w1", DateTimeOffset? at = null) =>
        (await Stores.Jobs.ClaimAsync(new ClaimRequest(worker, at ?? T0, Lease), default)).SingleOrDefault();

    private Task<Job?> GetAsync(Guid id) => Stores.Monitor.GetAsync(new GetJobRequest(id), default);

    private async Task<ChunkCommit> CommitChunkAsync(Guid id, string worker, long processed, params ItemError[] errors)
    {
        // From the checkpoint as committed, as the worker that made it knows it.
        var from = (await GetAsync(id))!.Checkpoint;
        await using var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(id, worker, T0, from), default);
        foreach (var e in errors) tx.AddError(e);
        return await tx.CommitAsync(new Checkpoint(processed, $"at-{processed}"), default);
    }

    [Fact]
    public async Task Enqueued_job_is_queued_with_its_frozen_input_and_expiry()
    {
        var job = await EnqueueAsync(total: 1204);
        var read = await GetAsync(job.Id);
        Assert.NotNull(read);
        Assert.Equal(JobStatus.Queued, read.Status);
        Assert.Equal(1204, read.Total);
        Assert.Equal(0, read.Processed);
        Assert.Equal("{\"x\":1}", read.Input);
        Assert.Equal("owner1", read.OwnerName);
        Assert.Equal(T0.AddDays(14), read.ExpiresAt);
        Assert.Null(read.StartedAt);
    }

    [Fact]
    public async Task A_job_keeps_the_trace_context_of_the_request_that_created_it_for_its_claims()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var traced = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(T0), "test.kind", "Traced", 1, "owner1", 10,
            "{}", T0, T0.AddDays(14), TraceParent: traceParent), default);
        var untraced = await EnqueueAsync(at: T0.AddSeconds(1));

        Assert.Equal(traceParent, traced.TraceParent);
        Assert.Equal(traceParent, (await ClaimAsync("w1"))!.TraceParent);
        Assert.Null((await ClaimAsync("w2", T0.AddSeconds(2)))!.TraceParent);
        Assert.Null((await GetAsync(untraced.Id))!.TraceParent);
    }

    [Fact]
    public async Task Claim_leases_a_queued_job_to_one_worker_only()
    {
        var job = await EnqueueAsync();
        var claimed = await ClaimAsync("w1");
        Assert.NotNull(claimed);
        Assert.Equal(job.Id, claimed.Id);
        Assert.Equal(JobStatus.Running, claimed.Status);
        Assert.Equal("w1", claimed.LeaseOwner);
        Assert.Equal(T0 + Lease, claimed.LeaseExpiresAt);
        Assert.Equal(1, claimed.Attempt);
        Assert.Equal(T0, claimed.StartedAt);
        Assert.Null(await ClaimAsync("w2"));
    }

    [Fact]
    public async Task Claim_is_fair_between_owners()
    {
        await EnqueueAsync(owner: 1, at: T0);
        await EnqueueAsync(owner: 1, at: T0.AddSeconds(1));
        var other = await EnqueueAsync(owner: 2, at: T0.AddSeconds(2));
        var first = await ClaimAsync("w1");
        Assert.Equal(1, first!.OwnerId);
        // Owner 1 already has a job running; owner 2's newer job goes before owner 1's second one.
        var second = await ClaimAsync("w2");
        Assert.Equal(other.Id, second!.Id);
    }

    [Fact]
    public async Task A_claim_for_several_workers_is_as_fair_as_claiming_one_at_a_time()
    {
        var a1 = await EnqueueAsync(owner: 1, at: T0);
        var a2 = await EnqueueAsync(owner: 1, at: T0.AddSeconds(1));
        var a3 = await EnqueueAsync(owner: 1, at: T0.AddSeconds(2));
        var b1 = await EnqueueAsync(owner: 2, at: T0.AddSeconds(3));
        var b2 = await EnqueueAsync(owner: 2, at: T0.AddSeconds(4));
        var c1 = await EnqueueAsync(owner: 3, at: T0.AddSeconds(5));
        Assert.Equal(a1.Id, (await ClaimAsync("w0"))!.Id);
        // Owner 1 has a job running: owners 2 and 3 go first, then each owner's next job in turn.
        var batch = await Stores.Jobs.ClaimAsync(new ClaimRequest(["w1", "w2", "w3", "w4"], T0, Lease), default);
        Assert.Equal([(b1.Id, "w1"), (c1.Id, "w2"), (a2.Id, "w3"), (b2.Id, "w4")], batch.Select(j => (j.Id, j.LeaseOwner!)));
        Assert.All(batch, j => Assert.Equal((JobStatus.Running, T0 + Lease, 1), (j.Status, j.LeaseExpiresAt!.Value, j.Attempt)));
        // Fewer jobs than workers: the first workers get them, the claim says the backlog ran out.
        var rest = await Stores.Jobs.ClaimAsync(new ClaimRequest(["w5", "w6"], T0, Lease), default);
        Assert.Equal((a3.Id, "w5"), (Assert.Single(rest).Id, rest[0].LeaseOwner));
        Assert.Empty(await Stores.Jobs.ClaimAsync(new ClaimRequest(["w7", "w8"], T0, Lease), default));
    }

    [Fact]
    public async Task Expired_lease_is_taken_over_and_the_old_worker_can_no_longer_commit()
    {
        var job = await EnqueueAsync();
        await ClaimAsync("w1");
        Assert.Equal(ChunkCommit.Committed, await CommitChunkAsync(job.Id, "w1", 3));
        Assert.Null(await ClaimAsync("w2", T0 + Lease - TimeSpan.FromSeconds(1)));

        var rescued = await ClaimAsync("w2", T0 + Lease + TimeSpan.FromSeconds(1));
        Assert.NotNull(rescued);
        Assert.Equal(2, rescued.Attempt);
        Assert.Equal(new Checkpoint(3, "at-3"), rescued.Checkpoint);
        Assert.Equal(JobStatus.Running, rescued.Status);

        Assert.Equal(ChunkCommit.LeaseLost, await CommitChunkAsync(job.Id, "w1", 6));
        Assert.Equal(LeaseState.Lost, await Stores.Jobs.HeartbeatAsync(new HeartbeatRequest(job.Id, "w1", T0, Lease), default));
        Assert.False(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w1", JobStatus.Completed, T0), default));
        Assert.Equal(3, (await GetAsync(job.Id))!.Processed);
    }

    [Fact]
    public async Task A_released_lease_lets_another_worker_resume_at_once_from_the_checkpoint()
    {
        var job = await EnqueueAsync();
        await ClaimAsync("w1");
        await CommitChunkAsync(job.Id, "w1", 4);
        Assert.False(await Stores.Jobs.ReleaseAsync(new ReleaseRequest(job.Id, "someone-else", T0), default));
        Assert.True(await Stores.Jobs.ReleaseAsync(new ReleaseRequest(job.Id, "w1", T0), default));
        var resumed = await ClaimAsync("w2", T0);
        Assert.Equal(job.Id, resumed?.Id);
        Assert.Equal(4, resumed!.Processed);
        Assert.Equal(JobStatus.Running, resumed.Status);
    }

    [Fact]
    public async Task Heartbeat_extends_the_lease()
    {
        var job = await EnqueueAsync();
        await ClaimAsync("w1");
        var later = T0 + Lease - TimeSpan.FromSeconds(1);
        Assert.Equal(LeaseState.Held, await Stores.Jobs.HeartbeatAsync(new HeartbeatRequest(job.Id, "w1", later, Lease), default));
        Assert.Null(await ClaimAsync("w2", T0 + Lease + TimeSpan.FromSeconds(1)));
        Assert.Equal(later + Lease, (await GetAsync(job.Id))!.LeaseExpiresAt);
    }

    [Fact]
    public async Task Chunk_commit_writes_checkpoint_progress_and_error_rows_together()
    {
        var job = await EnqueueAsync();
        await ClaimAsync();
        await CommitChunkAsync(job.Id, "w1", 4, new ItemError(2, "email", "The email address is not valid.", "x@"),
            new ItemError(4, "", "Bad row", null));
        await CommitChunkAsync(job.Id, "w1", 8, new ItemError(7, "username", "Taken", "=cmd"));
        var read = await GetAsync(job.Id);
        Assert.Equal(8, read!.Processed);
        Assert.Equal("at-8", read.Checkpoint.State);
        Assert.Equal(3, read.ErrorCount);
        Assert.Equal(80, read.Percent);
        var errors = await ReadErrorsAsync(job.Id);
        Assert.Equal([2L, 4L, 7L], errors.Select(e => e.Row));
        Assert.Equal(new ItemError(2, "email", "The email address is not valid.", "x@"), errors[0]);
        Assert.Null(errors[1].Value);
    }

    /// <summary>A chunk's effect (one new user) and one error row, for tests that check neither is kept.</summary>
    private async Task WriteUserAndErrorAsync(ChunkTransaction tx, string username)
    {
        await Stores.Users.ImportAsync(new ImportUsersRequest(
            [new ImportedUser(username, $"{username}@example.com", null, null, null, null, null, null)], false, T0), tx, default);
        tx.AddError(new ItemError(1, "x", "never kept", null));
    }

    [Fact]
    public async Task A_commit_after_the_lease_was_taken_over_keeps_neither_the_chunks_effects_nor_its_errors()
    {
        var job = await EnqueueAsync();
        await ClaimAsync("w1");
        Assert.NotNull(await ClaimAsync("w2", T0 + Lease + TimeSpan.FromSeconds(1)));
        var before = await Stores.Users.CountAsync(new CountUsersRequest(), default);
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "w1", T0, Checkpoint.Start), default))
        {
            await WriteUserAndErrorAsync(tx, "late");
            Assert.Equal(ChunkCommit.LeaseLost, await tx.CommitAsync(new Checkpoint(1), default));
        }
        Assert.Equal(before, await Stores.Users.CountAsync(new CountUsersRequest(), default));
        Assert.Empty(await ReadErrorsAsync(job.Id));
        var read = (await GetAsync(job.Id))!;
        Assert.Equal((0L, "w2"), (read.Processed, read.LeaseOwner));
    }

    [Fact]
    public async Task A_chunk_replayed_from_a_checkpoint_that_already_moved_keeps_neither_its_effects_nor_its_errors()
    {
        // The worker's first commit of items 0-4 landed but its reply was lost: it runs the same chunk again from 0.
        var job = await EnqueueAsync();
        await ClaimAsync("w1");
        Assert.Equal(ChunkCommit.Committed, await CommitChunkAsync(job.Id, "w1", 4, new ItemError(2, "x", "once", null)));
        var before = await Stores.Users.CountAsync(new CountUsersRequest(), default);
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "w1", T0, Checkpoint.Start), default))
        {
            await WriteUserAndErrorAsync(tx, "replayed");
            Assert.Equal(ChunkCommit.CheckpointMoved, await tx.CommitAsync(new Checkpoint(4, "at-4"), default));
        }
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "w1", T0, Checkpoint.Start), default))
        {
            await WriteUserAndErrorAsync(tx, "replayed-last");
            Assert.Equal(ChunkCommit.CheckpointMoved,
                await tx.CommitLastAsync(new Checkpoint(10), Offload.Jobs.Completion.JobCompletion.None, T0, default));
        }
        Assert.Equal(before, await Stores.Users.CountAsync(new CountUsersRequest(), default));
        Assert.Equal([2L], (await ReadErrorsAsync(job.Id)).Select(e => e.Row));
        var read = (await GetAsync(job.Id))!;
        Assert.Equal((JobStatus.Running, 4L, "at-4", 1L, "w1"), (read.Status, read.Processed, read.Checkpoint.State, read.ErrorCount, read.LeaseOwner));
        // From where it really is, the worker goes on.
        Assert.Equal(ChunkCommit.Committed, await CommitChunkAsync(job.Id, "w1", 8));
    }

    [Fact]
    public async Task Chunk_not_committed_leaves_no_trace_of_its_effects_or_errors()
    {
        var job = await EnqueueAsync();
        await ClaimAsync();
        var before = await Stores.Users.CountAsync(new CountUsersRequest(), default);
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "w1", T0, Checkpoint.Start), default))
        {
            await WriteUserAndErrorAsync(tx, "ghost");
            // Disposed without CommitAsync: the worker crashed mid-chunk.
        }
        Assert.Equal(before, await Stores.Users.CountAsync(new CountUsersRequest(), default));
        Assert.Empty(await ReadErrorsAsync(job.Id));
        Assert.Equal(0, (await GetAsync(job.Id))!.Processed);
    }

    [Fact]
    public async Task Committed_chunk_effects_are_kept_with_the_checkpoint()
    {
        var job = await EnqueueAsync();
        await ClaimAsync();
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "w1", T0, Checkpoint.Start), default))
        {
            var written = await Stores.Users.ImportAsync(new ImportUsersRequest(
                [new ImportedUser("kept", "kept@example.com", "Kept", null, "fr", true, null, null)], false, T0), tx, default);
            Assert.Equal([true], written.Select(w => w.Written));
            Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(1), default));
        }
        var user = await Stores.Users.FindByUsernameAsync(new FindUserRequest("KEPT"), default);
        Assert.NotNull(user);
        Assert.Equal("fr", user.Language);
        Assert.Equal("Kept", user.FirstName);
    }

    [Fact]
    public async Task Abort_of_a_queued_job_ends_it_at_once()
    {
        var job = await EnqueueAsync();
        var outcome = await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(5), Someone), default);
        Assert.Equal(AbortResult.Aborted, outcome.Result);
        Assert.Equal(JobStatus.Aborted, outcome.Job!.Status);
        Assert.Equal(T0.AddSeconds(5), outcome.Job.FinishedAt);
        Assert.Null(await ClaimAsync());
    }

    [Fact]
    public async Task Abort_of_a_running_job_is_seen_by_its_worker_at_the_next_chunk_and_heartbeat()
    {
        var job = await EnqueueAsync();
        await ClaimAsync();
        var outcome = await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0, Someone), default);
        Assert.Equal(AbortResult.Aborting, outcome.Result);
        Assert.Equal(JobStatus.Aborting, outcome.Job!.Status);
        Assert.Equal(LeaseState.HeldAbortRequested, await Stores.Jobs.HeartbeatAsync(new HeartbeatRequest(job.Id, "w1", T0, Lease), default));
        Assert.Equal(ChunkCommit.CommittedAbortRequested, await CommitChunkAsync(job.Id, "w1", 5));
        // Aborting twice is harmless; the state machine allows no completion any more.
        Assert.Equal(AbortResult.Aborting, (await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0, Someone), default)).Result);
        Assert.False(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w1", JobStatus.Completed, T0), default));
        Assert.True(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w1", JobStatus.Aborted, T0), default));
        var read = await GetAsync(job.Id);
        Assert.Equal(JobStatus.Aborted, read!.Status);
        Assert.Equal(5, read.Processed);
        Assert.Equal(AbortResult.AlreadyFinished, (await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0, Someone), default)).Result);
    }

    [Fact]
    public async Task Counts_of_unfinished_jobs_follow_every_transition_and_leave_finished_ones_out()
    {
        Assert.Equal(new JobCounts(0, 0, 0), await CountAsync());
        for (var owner = 1; owner <= 3; owner++) await EnqueueAsync(owner: owner);
        Assert.Equal(new JobCounts(3, 0, 0), await CountAsync());
        var first = (await ClaimAsync("w1"))!;
        var second = (await ClaimAsync("w2"))!;
        Assert.Equal(new JobCounts(1, 2, 0), await CountAsync());
        await Stores.Monitor.AbortAsync(new AbortJobRequest(first.Id, T0, Someone), default);
        Assert.Equal(new JobCounts(1, 1, 1), await CountAsync());
        Assert.True(await Stores.Jobs.FinishAsync(new FinishRequest(second.Id, "w2", JobStatus.Completed, T0), default));
        Assert.Equal(new JobCounts(1, 0, 1), await CountAsync());
    }

    private Task<JobCounts> CountAsync() => Stores.Counts.CountUnfinishedAsync(new CountUnfinishedRequest(), default);

    [Fact]
    public async Task Abort_of_an_unknown_job_is_not_found()
    {
        var outcome = await Stores.Monitor.AbortAsync(new AbortJobRequest(Guid.CreateVersion7(), T0, Someone), default);
        Assert.Equal(AbortResult.NotFound, outcome.Result);
    }

    [Theory]
    [InlineData(JobStatus.Completed)]
    [InlineData(JobStatus.Failed)]
    public async Task Finish_moves_a_running_job_to_its_outcome_and_releases_the_lease(JobStatus outcome)
    {
        var job = await EnqueueAsync();
        await ClaimAsync();
        Assert.True(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w1", outcome, T0.AddMinutes(1),
            outcome == JobStatus.Failed ? "IOException: disk gone" : null), default));
        var read = await GetAsync(job.Id);
        Assert.Equal(outcome, read!.Status);
        Assert.Equal(T0.AddMinutes(1), read.FinishedAt);
        Assert.Null(read.LeaseOwner);
        Assert.Equal(outcome == JobStatus.Failed ? "IOException: disk gone" : null, read.FailureReason);
        // Terminal: no claim, no second finish.
        Assert.Null(await ClaimAsync("w2", T0.AddHours(1)));
        Assert.False(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w1", JobStatus.Failed, T0), default));
    }

    [Fact]
    public async Task Finish_refuses_moves_the_state_machine_forbids()
    {
        var job = await EnqueueAsync();
        await ClaimAsync();
        // (running → aborted is the error-rate stop's move: StopOnErrorsContract.)
        Assert.False(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w1", JobStatus.Running, T0), default));
        Assert.Equal(JobStatus.Running, (await GetAsync(job.Id))!.Status);
    }

    [Fact]
    public async Task Delete_only_removes_finished_jobs_with_their_error_log()
    {
        var queued = await EnqueueAsync();
        Assert.Equal(DeleteOutcome.NotFinished, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(queued.Id, Someone, DateTimeOffset.UnixEpoch), default));
        await ClaimAsync();
        Assert.Equal(DeleteOutcome.NotFinished, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(queued.Id, Someone, DateTimeOffset.UnixEpoch), default));
        await CommitChunkAsync(queued.Id, "w1", 10, new ItemError(3, "f", "m", "v"));
        await Stores.Jobs.FinishAsync(new FinishRequest(queued.Id, "w1", JobStatus.Completed, T0), default);

        Assert.Equal(DeleteOutcome.Deleted, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(queued.Id, Someone, DateTimeOffset.UnixEpoch), default));
        Assert.Null(await GetAsync(queued.Id));
        Assert.Empty(await ReadErrorsAsync(queued.Id));
        Assert.Equal(DeleteOutcome.NotFound, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(queued.Id, Someone, DateTimeOffset.UnixEpoch), default));
    }

    [Fact]
    public async Task List_pages_newest_first_by_keyset_and_filters_by_owner_and_status()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 150; i++) ids.Add((await EnqueueAsync(owner: i % 3 == 0 ? 7 : 8, at: T0.AddSeconds(i))).Id);
        var all = new List<Job>();
        Guid? cursor = null;
        var pages = 0;
        do
        {
            var page = await Stores.Monitor.ListAsync(new ListJobsRequest(null, null, 100, cursor), default);
            all.AddRange(page.Items);
            cursor = page.Next;
            pages++;
        } while (cursor is not null);
        Assert.Equal(2, pages);
        Assert.Equal(Enumerable.Reverse(ids), all.Select(j => j.Id));

        var mine = await Stores.Monitor.ListAsync(new ListJobsRequest(7, null, 200, null), default);
        Assert.Equal(50, mine.Items.Count);
        Assert.All(mine.Items, j => Assert.Equal(7, j.OwnerId));
        Assert.Null(mine.Next);

        await Stores.Monitor.AbortAsync(new AbortJobRequest(ids[0], T0, Someone), default);
        var aborted = await Stores.Monitor.ListAsync(new ListJobsRequest(null, JobStatus.Aborted, 10, null), default);
        Assert.Equal([ids[0]], aborted.Items.Select(j => j.Id));
    }

    private async Task<List<ItemError>> ReadErrorsAsync(Guid id)
    {
        var list = new List<ItemError>();
        await foreach (var e in Stores.Monitor.ReadErrorsAsync(new ReadErrorsRequest(id), default)) list.Add(e);
        return list;
    }
}
