using Offload.Jobs;
using Offload.Jobs.Audit;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>
/// Pause and resume (issue 20) as each store applies them: a queued job pauses at once, a running one is asked and its
/// worker pauses it at its chunk boundary, giving its lease back; a paused job is never claimed, deleted or purged,
/// counts as nobody's running job, aborts at once and resumes from its checkpoint. Each move is audited once.
/// </summary>
public abstract class PauseContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly AuditUser Camille = new(7, "Camille");
    private static readonly AuditUser Pierre = new(8, "pierre");

    private Task<Job> EnqueueAsync(long owner, int second = 0) =>
        Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(T0.AddSeconds(second)), "test.kind", $"Job of {owner}", owner,
            $"owner{owner}", 100, "{}", T0.AddSeconds(second), T0.AddDays(14)), default);

    private Task<Job?> GetAsync(Guid id) => Stores.Monitor.GetAsync(new GetJobRequest(id), default);

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        (await Stores.Audit.ListAsync(new ListAuditRequest(100, Action: action), default)).Items;

    /// <summary>A job claimed by w1 with its first chunk of ten committed.</summary>
    private async Task<Job> RunningAsync(long owner = 1)
    {
        var job = await EnqueueAsync(owner);
        Assert.Equal(job.Id, Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("w1", T0, Lease), default)).Id);
        await using var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "w1", T0, Checkpoint.Start), default);
        Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(10, "ten"), default));
        return job;
    }

    /// <summary>A running job whose worker paused it at a chunk boundary.</summary>
    private async Task<Job> PausedAsync(long owner = 1)
    {
        var job = await RunningAsync(owner);
        Assert.Equal(PauseResult.Pausing, (await Stores.Monitor.PauseAsync(new PauseJobRequest(job.Id, T0.AddSeconds(1), Camille), default)).Result);
        Assert.True(await Stores.Jobs.PauseAsync(new PauseLeasedRequest(job.Id, "w1", T0.AddSeconds(2)), default));
        return (await GetAsync(job.Id))!;
    }

    [Fact]
    public async Task A_queued_job_pauses_at_once_is_never_claimed_and_a_second_ask_is_audited_once()
    {
        var job = await EnqueueAsync(1);
        var outcome = await Stores.Monitor.PauseAsync(new PauseJobRequest(job.Id, T0.AddSeconds(5), Camille), default);
        Assert.Equal(PauseResult.Paused, outcome.Result);
        Assert.Equal(JobStatus.Paused, outcome.Job!.Status);
        Assert.Equal(T0.AddSeconds(5), outcome.Job.PausedAt);
        Assert.Equal("Camille", outcome.Job.PausedBy);
        Assert.Empty(await Stores.Jobs.ClaimAsync(new ClaimRequest("w1", T0.AddSeconds(6), Lease), default));

        Assert.Equal(PauseResult.Paused, (await Stores.Monitor.PauseAsync(new PauseJobRequest(job.Id, T0.AddSeconds(7), Pierre), default)).Result);
        var entry = Assert.Single(await AuditAsync(AuditActions.Pause));
        Assert.Equal(Camille, entry.Actor);
        Assert.Equal(new AuditUser(1, "owner1"), entry.Owner);
        Assert.Equal(job.Id, entry.JobId);
        Assert.Equal(T0.AddSeconds(5), entry.At);
    }

    [Fact]
    public async Task A_running_job_is_asked_and_its_worker_pauses_it_at_the_chunk_boundary_giving_its_lease_back()
    {
        var job = await RunningAsync();
        var asked = await Stores.Monitor.PauseAsync(new PauseJobRequest(job.Id, T0.AddSeconds(1), Camille), default);
        Assert.Equal(PauseResult.Pausing, asked.Result);
        Assert.Equal(JobStatus.Running, asked.Job!.Status);
        Assert.True(asked.Job.IsPausing);
        // A second ask while it runs on changes nothing and writes nothing.
        Assert.Equal(PauseResult.Pausing, (await Stores.Monitor.PauseAsync(new PauseJobRequest(job.Id, T0.AddSeconds(2), Pierre), default)).Result);

        // The worker hears it on its heartbeat and at its chunk commit, the way it hears an abort.
        Assert.Equal(LeaseState.HeldPauseRequested,
            await Stores.Jobs.HeartbeatAsync(new HeartbeatRequest(job.Id, "w1", T0.AddSeconds(2), Lease), default));
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(job.Id, "w1", T0, new Checkpoint(10, "ten")), default))
            Assert.Equal(ChunkCommit.CommittedPauseRequested, await tx.CommitAsync(new Checkpoint(20, "twenty"), default));

        Assert.True(await Stores.Jobs.PauseAsync(new PauseLeasedRequest(job.Id, "w1", T0.AddSeconds(3)), default));
        var paused = (await GetAsync(job.Id))!;
        Assert.Equal(JobStatus.Paused, paused.Status);
        Assert.Equal(new Checkpoint(20, "twenty"), paused.Checkpoint);
        Assert.Null(paused.LeaseOwner);
        Assert.Null(paused.LeaseExpiresAt);
        Assert.Equal(T0.AddSeconds(3), paused.PausedAt);
        Assert.Equal("Camille", paused.PausedBy);
        // The worker that gave it back can no longer move it.
        Assert.Equal(LeaseState.Lost, await Stores.Jobs.HeartbeatAsync(new HeartbeatRequest(job.Id, "w1", T0.AddSeconds(4), Lease), default));
        Assert.Empty(await Stores.Jobs.ClaimAsync(new ClaimRequest("w2", T0.AddMinutes(5), Lease), default));
        Assert.Single(await AuditAsync(AuditActions.Pause));
    }

    [Fact]
    public async Task Resume_queues_the_job_again_and_the_next_claim_goes_on_from_its_checkpoint()
    {
        var job = await PausedAsync();
        var resumed = await Stores.Monitor.ResumeAsync(new ResumeJobRequest(job.Id, T0.AddSeconds(9), Pierre), default);
        Assert.Equal(ResumeResult.Resumed, resumed.Result);
        Assert.Equal(JobStatus.Queued, resumed.Job!.Status);
        Assert.Null(resumed.Job.PauseRequestedAt);
        Assert.Equal("pierre", resumed.Job.ResumedBy);
        Assert.Equal(T0.AddSeconds(9), resumed.Job.ResumedAt);
        Assert.Equal(ResumeResult.NotPaused, (await Stores.Monitor.ResumeAsync(new ResumeJobRequest(job.Id, T0.AddSeconds(10), Camille), default)).Result);

        var claimed = Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("w2", T0.AddSeconds(11), Lease), default));
        Assert.Equal(job.Id, claimed.Id);
        Assert.Equal(JobStatus.Running, claimed.Status);
        Assert.False(claimed.IsPausing);
        Assert.Equal(new Checkpoint(10, "ten"), claimed.Checkpoint);
        Assert.Equal(T0, claimed.StartedAt);
        Assert.Equal(LeaseState.Held, await Stores.Jobs.HeartbeatAsync(new HeartbeatRequest(job.Id, "w2", T0.AddSeconds(12), Lease), default));

        var entry = Assert.Single(await AuditAsync(AuditActions.Resume));
        Assert.Equal(Pierre, entry.Actor);
        Assert.Equal(new AuditUser(1, "owner1"), entry.Owner);
    }

    [Fact]
    public async Task Only_a_paused_job_resumes_and_only_an_unfinished_one_pauses()
    {
        var queued = await EnqueueAsync(1);
        Assert.Equal(ResumeResult.NotPaused, (await Stores.Monitor.ResumeAsync(new ResumeJobRequest(queued.Id, T0, Camille), default)).Result);
        Assert.Equal(ResumeResult.NotFound, (await Stores.Monitor.ResumeAsync(new ResumeJobRequest(Guid.CreateVersion7(), T0, Camille), default)).Result);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(queued.Id, T0, Camille), default);
        var finished = await Stores.Monitor.PauseAsync(new PauseJobRequest(queued.Id, T0, Camille), default);
        Assert.Equal(PauseResult.NotPausable, finished.Result);
        Assert.Equal(JobStatus.Aborted, finished.Job!.Status);

        var aborting = await RunningAsync(2);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(aborting.Id, T0, Camille), default);
        Assert.Equal(PauseResult.NotPausable, (await Stores.Monitor.PauseAsync(new PauseJobRequest(aborting.Id, T0, Camille), default)).Result);
        Assert.Equal(PauseResult.NotFound, (await Stores.Monitor.PauseAsync(new PauseJobRequest(Guid.CreateVersion7(), T0, Camille), default)).Result);
        Assert.Empty(await AuditAsync(AuditActions.Pause));
        Assert.Empty(await AuditAsync(AuditActions.Resume));
    }

    [Fact]
    public async Task An_abort_that_comes_before_the_boundary_wins_over_the_pause()
    {
        var job = await RunningAsync();
        await Stores.Monitor.PauseAsync(new PauseJobRequest(job.Id, T0.AddSeconds(1), Camille), default);
        Assert.Equal(AbortResult.Aborting, (await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(2), Pierre), default)).Result);
        Assert.False(await Stores.Jobs.PauseAsync(new PauseLeasedRequest(job.Id, "w1", T0.AddSeconds(3)), default));
        Assert.Equal(JobStatus.Aborting, (await GetAsync(job.Id))!.Status);
    }

    [Fact]
    public async Task A_paused_job_aborts_at_once_but_is_never_deleted_nor_purged()
    {
        var job = await PausedAsync();
        Assert.Equal(DeleteOutcome.NotFinished, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(job.Id, Camille, T0), default));
        Assert.Empty(await Stores.Retention.PurgeExpiredAsync(new PurgeExpiredRequest(T0.AddYears(1), 100), default));
        Assert.NotNull(await GetAsync(job.Id));

        var aborted = await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(30), Pierre), default);
        Assert.Equal(AbortResult.Aborted, aborted.Result);
        Assert.Equal(JobStatus.Aborted, aborted.Job!.Status);
        Assert.Equal(T0.AddSeconds(30), aborted.Job.FinishedAt);
        Assert.Equal(10, aborted.Job.Processed);
        Assert.Equal(ResumeResult.NotPaused, (await Stores.Monitor.ResumeAsync(new ResumeJobRequest(job.Id, T0, Camille), default)).Result);
    }

    [Fact]
    public async Task A_paused_job_does_not_count_as_running_for_its_owner()
    {
        // Owner 1's paused job would weigh their next job down if it counted: owner 2's newer job would go first.
        await PausedAsync(owner: 1);
        var mine = await EnqueueAsync(1, second: 1);
        await EnqueueAsync(2, second: 2);
        Assert.Equal(mine.Id, Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("w2", T0.AddSeconds(3), Lease), default)).Id);
    }
}
