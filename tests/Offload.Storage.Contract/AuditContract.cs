using Offload.Jobs;
using Offload.Jobs.Audit;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>
/// The audit trail (issue 20): each action on a job writes its entry in its own transaction — none for an action refused —
/// and entries are paged newest first, filtered, and purged by their own retention, never with their job.
/// </summary>
public abstract class AuditContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly AuditUser Camille = new(7, "Camille");
    private static readonly AuditUser Pierre = new(8, "pierre");

    private Task<Job> EnqueueAsync(long owner, int second = 0, Guid? retryOf = null, Guid? undoOf = null)
    {
        var at = T0.AddSeconds(second);
        return Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(at), "test.kind", $"Job of {owner}", owner, $"owner{owner}", 10,
            "{}", at, at.AddDays(14), retryOf, undoOf), default);
    }

    private async Task<IReadOnlyList<AuditEntry>> ReadAsync(string? actor = null, string? action = null) =>
        (await Stores.Audit.ListAsync(new ListAuditRequest(100, Actor: actor, Action: action), default)).Items;

    private async Task<Job> FinishedAsync(long owner, int second = 0)
    {
        var job = await EnqueueAsync(owner, second);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(second), new AuditUser(owner, $"owner{owner}")), default);
        return job;
    }

    [Fact]
    public async Task A_start_is_written_with_the_job_by_its_owner()
    {
        var job = await EnqueueAsync(3, second: 4);
        var entry = Assert.Single(await ReadAsync());
        Assert.Equal(AuditActions.Start, entry.Action);
        Assert.Equal(new AuditUser(3, "owner3"), entry.Actor);
        Assert.Equal(new AuditUser(3, "owner3"), entry.Owner);
        Assert.Equal(job.Id, entry.JobId);
        Assert.Equal(T0.AddSeconds(4), entry.At);
        Assert.Null(entry.NewJobId);
        Assert.True(entry.JobExists);
    }

    [Fact]
    public async Task A_retry_and_an_undo_name_the_job_they_follow_up_its_owner_and_the_new_job()
    {
        var original = await FinishedAsync(1);
        var retry = await EnqueueAsync(2, second: 1, retryOf: original.Id);
        var undo = await EnqueueAsync(2, second: 2, undoOf: original.Id);
        var entries = await ReadAsync(actor: "owner2");
        Assert.Equal([AuditActions.Undo, AuditActions.Retry], entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.Equal(original.Id, e.JobId);
            Assert.Equal(new AuditUser(1, "owner1"), e.Owner);
            Assert.Equal(new AuditUser(2, "owner2"), e.Actor);
        });
        Assert.Equal([undo.Id, retry.Id], entries.Select(e => e.NewJobId!.Value));
    }

    [Fact]
    public async Task A_follow_up_of_a_job_that_is_gone_is_refused_whole()
    {
        var ghost = Guid.CreateVersion7(T0);
        var id = Guid.CreateVersion7(T0.AddSeconds(1));
        await Assert.ThrowsAnyAsync<Exception>(() => Stores.Jobs.EnqueueAsync(new EnqueueRequest(id, "test.kind", "Retry", 2, "owner2", 1, "{}",
            T0, T0.AddDays(14), RetryOf: ghost), default));
        Assert.Null(await Stores.Monitor.GetAsync(new GetJobRequest(id), default));
        Assert.Empty(await ReadAsync());
    }

    [Fact]
    public async Task An_abort_asked_twice_is_written_once_by_who_asked_first()
    {
        var job = await EnqueueAsync(1);
        Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("w1", T0, TimeSpan.FromSeconds(30)), default));
        Assert.Equal(AbortResult.Aborting, (await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(5), Camille), default)).Result);
        Assert.Equal(AbortResult.Aborting, (await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(6), Pierre), default)).Result);
        var abort = Assert.Single(await ReadAsync(action: AuditActions.Abort));
        Assert.Equal(Camille, abort.Actor);
        Assert.Equal(new AuditUser(1, "owner1"), abort.Owner);
        Assert.Equal(job.Id, abort.JobId);
        Assert.Equal(T0.AddSeconds(5), abort.At);
    }

    [Fact]
    public async Task An_abort_of_a_finished_job_and_a_delete_of_an_unfinished_one_write_nothing()
    {
        var finished = await FinishedAsync(1);
        var queued = await EnqueueAsync(2, second: 1);
        var before = (await ReadAsync()).Count;
        Assert.Equal(AbortResult.AlreadyFinished, (await Stores.Monitor.AbortAsync(new AbortJobRequest(finished.Id, T0, Camille), default)).Result);
        Assert.Equal(DeleteOutcome.NotFinished, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(queued.Id, Camille, T0), default));
        Assert.Equal(AbortResult.NotFound, (await Stores.Monitor.AbortAsync(new AbortJobRequest(Guid.CreateVersion7(), T0, Camille), default)).Result);
        Assert.Equal(before, (await ReadAsync()).Count);
        Assert.Empty(await ReadAsync(actor: Camille.Username));
    }

    [Fact]
    public async Task A_deleted_job_keeps_its_entries_and_its_delete_is_one_more()
    {
        var job = await FinishedAsync(1);
        Assert.Equal(DeleteOutcome.Deleted, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(job.Id, Pierre, T0.AddMinutes(1)), default));
        var entries = await ReadAsync();
        Assert.Equal([AuditActions.Delete, AuditActions.Abort, AuditActions.Start], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.False(e.JobExists));
        Assert.Equal(Pierre, entries[0].Actor);
        Assert.Equal(new AuditUser(1, "owner1"), entries[0].Owner);
        Assert.Equal(DeleteOutcome.NotFound, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(job.Id, Pierre, T0.AddMinutes(2)), default));
        Assert.Equal(3, (await ReadAsync()).Count);
    }

    [Fact]
    public async Task Job_retention_keeps_the_entries_of_the_jobs_it_purges()
    {
        var job = await FinishedAsync(1);
        Assert.Single(await Stores.Retention.PurgeExpiredAsync(new PurgeExpiredRequest(T0.AddDays(15), 100), default));
        Assert.Null(await Stores.Monitor.GetAsync(new GetJobRequest(job.Id), default));
        Assert.Equal(2, (await ReadAsync()).Count);
    }

    [Fact]
    public async Task Pages_go_newest_first_and_a_cursor_continues_where_the_last_page_ended()
    {
        var jobs = new List<Job>();
        for (var i = 0; i < 5; i++) jobs.Add(await EnqueueAsync(1, second: i));
        var seen = new List<Guid>();
        long? cursor = null;
        var pages = 0;
        do
        {
            var page = await Stores.Audit.ListAsync(new ListAuditRequest(2, cursor), default);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(e => e.JobId));
            cursor = page.Next;
            pages++;
        } while (cursor is not null);
        Assert.Equal(3, pages);
        Assert.Equal(jobs.Select(j => j.Id).Reverse(), seen);
    }

    [Fact]
    public async Task Filters_by_actor_in_any_case_and_by_action()
    {
        var job = await EnqueueAsync(1);
        await EnqueueAsync(2, second: 1);
        await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, T0.AddSeconds(2), Camille), default);
        Assert.Equal([AuditActions.Abort], (await ReadAsync(actor: "CAMILLE")).Select(e => e.Action));
        Assert.Equal(2, (await ReadAsync(action: AuditActions.Start)).Count);
        Assert.Equal([job.Id], (await ReadAsync(actor: "owner1", action: AuditActions.Start)).Select(e => e.JobId));
        Assert.Empty(await ReadAsync(actor: "owner1", action: AuditActions.Abort));
        Assert.Empty(await ReadAsync(actor: "nobody"));
    }

    [Fact]
    public async Task The_audit_purge_removes_old_entries_only()
    {
        await EnqueueAsync(1);
        var young = await EnqueueAsync(2, second: 100);
        Assert.Equal(1, await Stores.Audit.PurgeAsync(new PurgeAuditRequest(T0.AddSeconds(50), 100), default));
        Assert.Equal([young.Id], (await ReadAsync()).Select(e => e.JobId));
        Assert.Equal(0, await Stores.Audit.PurgeAsync(new PurgeAuditRequest(T0.AddSeconds(50), 100), default));
        Assert.NotNull(await Stores.Monitor.GetAsync(new GetJobRequest(young.Id), default));
    }
}
