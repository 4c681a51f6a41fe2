using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Offload.Jobs;
using Offload.Jobs.Completion;
using Offload.Jobs.Mail;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>Notices, the outbox and retention: what a job's end leaves behind, and how it goes away.</summary>
public abstract class CompletionContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly JobCompletion Done = new(new JobNotice(7, "Import of a.csv — completed, no errors"),
        new OutboxMail("owner@example.com", "Background job completed: Import of a.csv", "text", "<p>html</p>"));

    private async Task<Job> RunningJobAsync(long owner = 7, DateTimeOffset? at = null)
    {
        var now = at ?? T0;
        var job = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(now), "test.kind", "d", owner, "o", 10, "{}",
            now, now.AddDays(14)), default);
        await Stores.Jobs.ClaimAsync(new ClaimRequest("w", now, TimeSpan.FromMinutes(5)), default);
        return job;
    }

    private Task<NotificationPage> NoticesAsync(long user) => Stores.Notifications.ListAsync(new ListNotificationsRequest(user, 50), default);

    private Task<IReadOnlyList<OutboxMessage>> ClaimMailAsync(DateTimeOffset now, string sender = "s1") =>
        Stores.Outbox.ClaimDueAsync(new ClaimMailRequest(sender, now, TimeSpan.FromMinutes(2), 10), default);

    [Fact]
    public async Task Finishing_a_job_writes_its_notice_and_its_mail_with_the_final_state()
    {
        var job = await RunningJobAsync();
        Assert.True(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w", JobStatus.Completed, T0, null, Done), default));
        var notices = await NoticesAsync(7);
        Assert.Equal(1, notices.Unread);
        var notice = Assert.Single(notices.Items);
        Assert.Equal((job.Id, "Import of a.csv — completed, no errors", false, T0), (notice.JobId, notice.Title, notice.Read, notice.CreatedAt));
        var mail = Assert.Single(await ClaimMailAsync(T0));
        Assert.Equal(("owner@example.com", "Background job completed: Import of a.csv", "text", "<p>html</p>", 0),
            (mail.To, mail.Subject, mail.TextBody, mail.HtmlBody, mail.Attempts));
    }

    private async Task<ChunkCommit> CommitLastChunkAsync(Guid id, string worker, JobCompletion completion, params ItemError[] errors)
    {
        await using var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(id, worker, T0, Checkpoint.Start), default);
        foreach (var e in errors) tx.AddError(e);
        tx.ProducedResult = true;
        return await tx.CommitLastAsync(new Checkpoint(10, "end"), completion, T0.AddMinutes(1), default);
    }

    [Fact]
    public async Task The_last_chunk_completes_the_job_with_its_notice_and_mail_in_one_commit()
    {
        var job = await RunningJobAsync();
        Assert.Equal(ChunkCommit.Completed, await CommitLastChunkAsync(job.Id, "w", Done, new ItemError(4, "email", "bad", "x")));
        var done = (await Stores.Monitor.GetAsync(new GetJobRequest(job.Id), default))!;
        Assert.Equal((JobStatus.Completed, 10L, "end", 1L, true, T0.AddMinutes(1)),
            (done.Status, done.Processed, done.Checkpoint.State, done.ErrorCount, done.HasResult, done.FinishedAt));
        Assert.Null(done.LeaseOwner);
        Assert.Null(done.LeaseExpiresAt);
        Assert.Equal("Import of a.csv — completed, no errors", Assert.Single((await NoticesAsync(7)).Items).Title);
        Assert.Equal("owner@example.com", Assert.Single(await ClaimMailAsync(T0.AddMinutes(1))).To);
        // A completed job is no longer the worker's: a late heartbeat or finish finds nothing to hold.
        Assert.Equal(LeaseState.Lost, await Stores.Jobs.HeartbeatAsync(new HeartbeatRequest(job.Id, "w", T0, TimeSpan.FromMinutes(5)), default));
        Assert.False(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w", JobStatus.Failed, T0), default));
    }

    [Fact]
    public async Task The_last_chunk_of_a_job_whose_abort_was_asked_commits_but_leaves_the_ending_to_the_abort()
    {
        var job = await RunningJobAsync();
        await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0, Someone, Done), default);
        Assert.Equal(ChunkCommit.CommittedAbortRequested, await CommitLastChunkAsync(job.Id, "w", Done));
        var read = (await Stores.Monitor.GetAsync(new GetJobRequest(job.Id), default))!;
        Assert.Equal((JobStatus.Aborting, 10L, "w"), (read.Status, read.Processed, read.LeaseOwner));
        Assert.Empty((await NoticesAsync(7)).Items);
        Assert.Empty(await ClaimMailAsync(T0));
    }

    [Fact]
    public async Task The_last_chunk_of_a_lost_lease_keeps_nothing_and_ends_nothing()
    {
        var job = await RunningJobAsync();
        Assert.Equal(ChunkCommit.LeaseLost, await CommitLastChunkAsync(job.Id, "intruder", Done, new ItemError(4, "email", "bad", "x")));
        var read = (await Stores.Monitor.GetAsync(new GetJobRequest(job.Id), default))!;
        Assert.Equal((JobStatus.Running, 0L, 0L), (read.Status, read.Processed, read.ErrorCount));
        Assert.Empty((await NoticesAsync(7)).Items);
        Assert.Empty(await ClaimMailAsync(T0));
    }

    [Fact]
    public async Task The_last_chunk_without_notice_or_mail_still_completes_the_job()
    {
        var job = await RunningJobAsync();
        Assert.Equal(ChunkCommit.Completed, await CommitLastChunkAsync(job.Id, "w", JobCompletion.None));
        Assert.Equal(JobStatus.Completed, (await Stores.Monitor.GetAsync(new GetJobRequest(job.Id), default))!.Status);
        Assert.Empty((await NoticesAsync(7)).Items);
    }

    [Fact]
    public async Task A_finish_refused_for_a_lost_lease_leaves_no_notice_and_no_mail()
    {
        var job = await RunningJobAsync();
        Assert.False(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "intruder", JobStatus.Completed, T0, null, Done), default));
        Assert.Empty((await NoticesAsync(7)).Items);
        Assert.Empty(await ClaimMailAsync(T0));
    }

    [Fact]
    public async Task Aborting_a_queued_job_writes_the_completion_but_aborting_a_running_one_waits_for_the_worker()
    {
        var queued = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(), "k", "d", 7, "o", 1, "{}", T0, T0.AddDays(1)), default);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(queued.Id, T0, Someone, Done), default);
        Assert.Single((await NoticesAsync(7)).Items);

        var running = await RunningJobAsync(owner: 8);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(running.Id, T0, Someone, Done with { Notice = new JobNotice(8, "x") }), default);
        Assert.Empty((await NoticesAsync(8)).Items);
    }

    [Fact]
    public async Task A_notice_is_marked_read_only_by_its_owner_and_goes_with_its_job()
    {
        var job = await RunningJobAsync();
        await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w", JobStatus.Completed, T0, null, Done), default);
        var notice = (await NoticesAsync(7)).Items[0];
        Assert.False(await Stores.Notifications.MarkReadAsync(new MarkReadRequest(notice.Id, 99, T0), default));
        Assert.True(await Stores.Notifications.MarkReadAsync(new MarkReadRequest(notice.Id, 7, T0), default));
        var after = await NoticesAsync(7);
        Assert.Equal(0, after.Unread);
        Assert.True(after.Items[0].Read);

        await Stores.Monitor.DeleteAsync(new DeleteJobRequest(job.Id, Someone, DateTimeOffset.UnixEpoch), default);
        Assert.Empty((await NoticesAsync(7)).Items);
    }

    [Fact]
    public async Task A_claimed_mail_is_leased_then_either_sent_once_or_retried_later()
    {
        var job = await RunningJobAsync();
        await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w", JobStatus.Completed, T0, null, Done), default);
        var mail = Assert.Single(await ClaimMailAsync(T0, "s1"));
        Assert.Empty(await ClaimMailAsync(T0, "s2")); // leased to s1

        await Stores.Outbox.MarkFailedAsync(new MarkFailedRequest(mail.Id, "s1", "SMTP down", T0.AddSeconds(30)), default);
        Assert.Empty(await ClaimMailAsync(T0.AddSeconds(10), "s2"));
        Assert.Equal(T0.AddSeconds(30), await Stores.Outbox.NextDueAsync(new NextDueRequest(), default));
        var retry = Assert.Single(await ClaimMailAsync(T0.AddSeconds(31), "s2"));
        Assert.Equal(1, retry.Attempts);

        Assert.True(await Stores.Outbox.MarkSentAsync(new MarkSentRequest(retry.Id, "s2", T0.AddSeconds(32)), default));
        Assert.Empty(await ClaimMailAsync(T0.AddDays(1), "s3"));
        Assert.Null(await Stores.Outbox.NextDueAsync(new NextDueRequest(), default));
    }

    [Fact]
    public async Task A_mail_leased_by_a_sender_that_died_is_taken_over_when_the_lease_ends()
    {
        var job = await RunningJobAsync();
        await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w", JobStatus.Completed, T0, null, Done), default);
        Assert.Single(await ClaimMailAsync(T0, "dead"));
        Assert.Single(await ClaimMailAsync(T0.AddMinutes(3), "alive"));
    }

    private async Task FinishedJobsWithMailAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var job = await RunningJobAsync();
            Assert.True(await Stores.Jobs.FinishAsync(new FinishRequest(job.Id, "w", JobStatus.Completed, T0, null, Done), default));
        }
    }

    [Fact]
    public async Task A_sender_whose_mail_lease_ran_out_and_was_taken_over_can_neither_send_nor_mark_it()
    {
        await FinishedJobsWithMailAsync(1);
        var mail = Assert.Single(await ClaimMailAsync(T0, "s1"));
        Assert.Equal(mail.Id, Assert.Single(await ClaimMailAsync(T0.AddMinutes(3), "s2")).Id);

        Assert.False(await Stores.Outbox.ExtendLeaseAsync(new ExtendMailLeaseRequest(mail.Id, "s1", T0.AddMinutes(3), TimeSpan.FromMinutes(5)), default));
        Assert.False(await Stores.Outbox.MarkSentAsync(new MarkSentRequest(mail.Id, "s1", T0.AddMinutes(3)), default));
        Assert.False(await Stores.Outbox.MarkFailedAsync(new MarkFailedRequest(mail.Id, "s1", "late", T0.AddMinutes(4)), default));
        // Still leased to s2, unsent, attempts untouched: s2 sends it, once.
        Assert.Empty(await ClaimMailAsync(T0.AddMinutes(4), "s3"));
        Assert.True(await Stores.Outbox.ExtendLeaseAsync(new ExtendMailLeaseRequest(mail.Id, "s2", T0.AddMinutes(3), TimeSpan.FromMinutes(5)), default));
        Assert.True(await Stores.Outbox.MarkSentAsync(new MarkSentRequest(mail.Id, "s2", T0.AddMinutes(4)), default));
        Assert.False(await Stores.Outbox.MarkSentAsync(new MarkSentRequest(mail.Id, "s2", T0.AddMinutes(4)), default));
        Assert.False(await Stores.Outbox.ExtendLeaseAsync(new ExtendMailLeaseRequest(mail.Id, "s2", T0.AddMinutes(4), TimeSpan.FromMinutes(5)), default));
        Assert.Null(await Stores.Outbox.NextDueAsync(new NextDueRequest(), default));
    }

    [Fact]
    public async Task Two_senders_with_a_slow_transport_send_each_mail_once()
    {
        await FinishedJobsWithMailAsync(3);
        var clock = new FakeTimeProvider(T0);
        var sends = new List<(string Sender, long Mail)>();
        OutboxDispatcher? other = null;
        // Sender A's first send takes 2.5 minutes, longer than the lease of its batch of 3; meanwhile the
        // sender of another node (B) makes a whole pass over the outbox.
        var a = Dispatcher(new ScriptedTransport(async mail =>
        {
            sends.Add(("A", mail.Id));
            if (sends.Count(s => s.Sender == "A") > 1) return;
            clock.Advance(TimeSpan.FromSeconds(150));
            await other!.SendDueAsync("B", default);
        }), clock);
        other = Dispatcher(new ScriptedTransport(mail =>
        {
            sends.Add(("B", mail.Id));
            return Task.CompletedTask;
        }), clock);

        Assert.Equal(3, await a.SendDueAsync("A", default));

        Assert.Equal(3, sends.Count);
        Assert.Equal(3, sends.Select(s => s.Mail).Distinct().Count());
        Assert.Null(await Stores.Outbox.NextDueAsync(new NextDueRequest(), default)); // every one marked sent
    }

    private OutboxDispatcher Dispatcher(IMailTransport transport, TimeProvider clock) =>
        new(Stores.Outbox, transport, new OutboxWake(), clock, Options.Create(new OutboxOptions()), NullLogger<OutboxDispatcher>.Instance);

    private sealed class ScriptedTransport(Func<OutboxMessage, Task> send) : IMailTransport
    {
        public Task SendAsync(OutboxMessage mail, CancellationToken ct) => send(mail);
    }

    [Fact]
    public async Task Retention_purges_expired_finished_jobs_only()
    {
        var expiredDone = await RunningJobAsync(at: T0);
        await using (var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(expiredDone.Id, "w", T0, Checkpoint.Start), default))
        {
            tx.AddError(new ItemError(2, "f", "m", "v"));
            await tx.CommitAsync(new Checkpoint(10), default);
        }
        await Stores.Jobs.FinishAsync(new FinishRequest(expiredDone.Id, "w", JobStatus.Completed, T0, null, Done), default);
        var expiredRunning = await RunningJobAsync(at: T0.AddSeconds(1));
        var expiredQueued = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(T0), "k", "d", 7, "o", 1, "{}", T0, T0.AddDays(14)), default);
        var fresh = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(T0.AddDays(10)), "k", "d", 7, "o", 1, "{}",
            T0.AddDays(10), T0.AddDays(24)), default);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(fresh.Id, T0.AddDays(10), Someone), default);

        Assert.Empty(await Stores.Retention.PurgeExpiredAsync(new PurgeExpiredRequest(T0.AddDays(13), 100), default));
        var purged = await Stores.Retention.PurgeExpiredAsync(new PurgeExpiredRequest(T0.AddDays(15), 100), default);
        Assert.Equal([new PurgedJob(expiredDone.Id, 7)], purged);
        Assert.Null(await Stores.Monitor.GetAsync(new GetJobRequest(expiredDone.Id), default));
        Assert.Empty((await NoticesAsync(7)).Items);
        await foreach (var _ in Stores.Monitor.ReadErrorsAsync(new ReadErrorsRequest(expiredDone.Id), default)) Assert.Fail("error rows left behind");
        Assert.NotNull(await Stores.Monitor.GetAsync(new GetJobRequest(expiredRunning.Id), default));
        Assert.NotNull(await Stores.Monitor.GetAsync(new GetJobRequest(expiredQueued.Id), default));
        Assert.NotNull(await Stores.Monitor.GetAsync(new GetJobRequest(fresh.Id), default));
        // The mail of a purged job still goes: it was promised when the job ended.
        Assert.Single(await ClaimMailAsync(T0.AddDays(15)));
    }
}
