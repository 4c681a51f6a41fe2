using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offload.Jobs.Completion;
using Offload.Jobs.Mail;
using Offload.Jobs.Storage;

namespace Offload.Jobs;

/// <summary>
/// Runs one claimed job: chunk after chunk, each committed with its checkpoint, until the job is done,
/// aborted, failed, paused (then it holds no worker and no lease), or its lease is lost to another worker.
/// </summary>
public sealed class JobRunner(IJobStore store, IJobMonitor monitor, IEnumerable<IJobHandler> handlers, IJobCompletionComposer composer,
    JobEvents events, OutboxWake outbox, JobMetrics metrics, JobThroughput throughput, TimeProvider clock, IOptions<JobsOptions> options, ILogger<JobRunner> logger)
{
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind);
    private readonly JobsOptions _options = options.Value;

    public async Task RunAsync(Job job, string workerId, CancellationToken stopping)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["OwnerId"] = job.OwnerId, ["Kind"] = job.Kind });
        using var trace = JobTracing.StartRun(job);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var lease = new LeaseWatch();
        lease.Read(job);
        var heartbeat = KeepLeaseAsync(job.Id, workerId, lease, run);
        try
        {
            if (!_handlers.TryGetValue(job.Kind, out var handler))
            {
                await FinishAsync(job, workerId, JobStatus.Failed, $"No handler is installed for jobs of kind '{job.Kind}'.");
                return;
            }
            await RunChunksAsync(job, handler, workerId, lease, run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // Shutdown or lost lease: nothing uncommitted survives, the next claim resumes from the checkpoint.
            logger.LogInformation("Job {JobId} stopped at its last checkpoint ({Reason})", job.Id,
                lease.Lost ? "lease lost" : "shutting down");
            JobTracing.RunEnded(lease.Lost ? LeaseLostOutcome : "shutdown");
            if (!lease.Lost) await ReleaseAsync(job.Id, workerId);
        }
        finally
        {
            await run.CancelAsync();
            await heartbeat;
        }
    }

    private async Task RunChunksAsync(Job claimed, IJobHandler handler, string workerId, LeaseWatch lease, CancellationToken ct)
    {
        await using var context = new JobContext(claimed, _options.ChunkSize, _options.ChunkTime);
        // The job as committed so far. This worker holds the lease, so nobody else moves its counts:
        // the end of the job is composed from it without reading the row back.
        var job = claimed;
        var failures = 0;
        var outages = 0;
        while (true)
        {
            if (lease.AbortRequested)
            {
                await FinishAsync(job, workerId, JobStatus.Aborted, null);
                return;
            }
            if (job.Checkpoint.Processed >= job.Total)
            {
                await FinishAsync(job, workerId, JobStatus.Completed, null);
                return;
            }
            if (lease.PauseRequested)
            {
                if (await PauseAsync(job, workerId)) return;
                // No longer running with a pause asked: an abort came first, or the lease went. The job as committed says which.
                lease.PauseRequested = false;
                if (await CommittedAsync(job.Id, workerId, ct) is not { } committed) return;
                lease.Read(committed);
                continue;
            }
            // Judged on the committed counts, here rather than after the commit, so a job resumed after a crash between
            // its commit and its end stops just the same. A last chunk completes the job instead: nothing is left to stop.
            if (job.StopOnErrors?.IsExceeded(job.Processed, job.FailedItems) == true)
            {
                logger.LogInformation("Job {JobId}: {Failed} of the first {Processed} items failed, more than {Percent}%; stopping it",
                    job.Id, job.FailedItems, job.Processed, job.StopOnErrors.Percent);
                await FinishAsync(job, workerId, JobStatus.Aborted, null, StopOnErrors.Reason);
                return;
            }
            try
            {
                var (result, next) = await RunOneChunkAsync(context, handler, job, workerId, lease, ct);
                if (result == ChunkCommit.CheckpointMoved)
                {
                    // A replay: this chunk's first commit landed but its reply was lost (the connection dropped
                    // after COMMIT was sent), so the database is ahead of us. Nothing of the replay was kept; go on
                    // from what is committed, never apply the chunk again.
                    await context.ResetRunStateAsync();
                    var committed = await CommittedAsync(job.Id, workerId, ct);
                    if (committed is null) result = ChunkCommit.LeaseLost;
                    else
                    {
                        logger.LogWarning("Job {JobId}: the chunk from item {From} had already committed (its reply was lost); going on from item {At}",
                            job.Id, job.Checkpoint.Processed, committed.Checkpoint.Processed);
                        metrics.ItemsProcessed(job.Kind, committed.Checkpoint.Processed - job.Checkpoint.Processed);
                        job = committed;
                        lease.Read(job);
                        events.Publish(new JobChange(job.Id, job.OwnerId, JobChangeKind.Progress));
                        continue;
                    }
                }
                if (result == ChunkCommit.LeaseLost)
                {
                    logger.LogWarning("Job {JobId}: lease lost, another worker resumes it", job.Id);
                    JobTracing.RunEnded(LeaseLostOutcome);
                    return;
                }
                metrics.ItemsProcessed(job.Kind, next.Checkpoint.Processed - job.Checkpoint.Processed);
                job = next;
                failures = 0;
                outages = 0;
                if (result == ChunkCommit.Completed)
                {
                    Finished(job, JobStatus.Completed);
                    return;
                }
                events.Publish(new JobChange(job.Id, job.OwnerId, JobChangeKind.Progress));
                if (result == ChunkCommit.CommittedAbortRequested) lease.AbortRequested = true;
                if (result == ChunkCommit.CommittedPauseRequested) lease.PauseRequested = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The handler's run state may have read past the checkpoint: start the retry afresh.
                await context.ResetRunStateAsync();
                if (DatabaseFaults.IsTransient(ex))
                {
                    // The database is out of reach (restart, failover): nothing of the chunk was kept, and a
                    // failed state could not be written either. Wait for it, however long, without using up
                    // the chunk's retries; the lease guard still stops this run if another worker took over.
                    outages++;
                    var wait = Backoff(outages, _options.LeaseDuration / 3);
                    logger.LogWarning(ex, "Job {JobId}: the database is out of reach (attempt {Attempt}), retrying in {Delay}", job.Id, outages, wait);
                    await Task.Delay(wait, clock, ct);
                    continue;
                }
                failures++;
                if (failures > _options.ChunkRetries)
                {
                    logger.LogError(ex, "Job {JobId} failed after {Attempts} attempts of one chunk", job.Id, failures);
                    await FinishAsync(job, workerId, JobStatus.Failed, FailureReasons.For(ex));
                    return;
                }
                var delay = Backoff(failures, TimeSpan.MaxValue);
                logger.LogWarning(ex, "Job {JobId}: chunk failed (attempt {Attempt}), retrying in {Delay}", job.Id, failures, delay);
                await Task.Delay(delay, clock, ct);
            }
        }
    }

    /// <summary>The job as committed, while it is still leased to <paramref name="workerId"/> and unfinished; null otherwise.</summary>
    private async Task<Job?> CommittedAsync(Guid jobId, string workerId, CancellationToken ct)
    {
        var job = await monitor.GetAsync(new GetJobRequest(jobId), ct);
        return job is not null && job.LeaseOwner == workerId && job.Status is JobStatus.Running or JobStatus.Aborting ? job : null;
    }

    /// <summary>RetryBackoff doubled on each further attempt, never above <paramref name="cap"/>.</summary>
    private TimeSpan Backoff(int attempt, TimeSpan cap)
    {
        var delay = _options.RetryBackoff * Math.Pow(2, Math.Min(attempt - 1, 20));
        return delay < cap ? delay : cap;
    }

    /// <summary>One chunk in one transaction; the last one also ends the job (see <see cref="ChunkTransaction.CommitLastAsync"/>).</summary>
    /// <returns>How the commit went, and the job with this chunk's counts.</returns>
    private async Task<(ChunkCommit Result, Job Next)> RunOneChunkAsync(
        JobContext context, IJobHandler handler, Job job, string workerId, LeaseWatch lease, CancellationToken ct)
    {
        var at = job.Checkpoint;
        using var trace = JobTracing.StartChunk(job, at);
        try
        {
            await using var tx = await store.BeginChunkAsync(new BeginChunkRequest(job.Id, workerId, clock.GetUtcNow(), at), ct);
            var next = await handler.ProcessChunkAsync(context, at, tx, ct);
            if (next.Processed <= at.Processed && at.Processed < job.Total)
                throw new InvalidOperationException($"Handler '{handler.Kind}' made no progress from item {at.Processed}.");
            var counted = job with
            {
                Checkpoint = next, ErrorCount = job.ErrorCount + tx.ErrorCount, FailedItems = job.FailedItems + tx.FailedItems,
                HasResult = job.HasResult || tx.ProducedResult,
            };
            ChunkCommit result;
            if (next.Processed < job.Total || lease.AbortRequested) result = await tx.CommitAsync(next, ct);
            else
            {
                var now = clock.GetUtcNow();
                var ended = counted with { Status = JobStatus.Completed, FinishedAt = now };
                var completion = await composer.ComposeAsync(ended, ct);
                result = await tx.CommitLastAsync(next, completion, now, ct);
                if (result == ChunkCommit.Completed)
                {
                    if (completion.Mail is not null) outbox.MailWritten();
                    counted = ended;
                }
            }
            JobTracing.ChunkEnded(trace, next.Processed - at.Processed, tx.ErrorCount, result);
            return (result, counted);
        }
        catch (Exception e)
        {
            JobTracing.Failed(trace, e);
            throw; // the runner's loop retries or fails the job
        }
    }

    /// <summary>Ends a job in its own transaction: aborted, failed, or completed with nothing left to run.</summary>
    private async Task FinishAsync(Job job, string workerId, JobStatus outcome, string? reason, string? stopReason = null)
    {
        // Not cancellable by shutdown: a finished job must be recorded once its last chunk committed.
        var now = clock.GetUtcNow();
        var ended = job with { Status = outcome, FinishedAt = now, FailureReason = reason, StopReason = stopReason };
        var completion = await composer.ComposeAsync(ended, CancellationToken.None);
        if (!await store.FinishAsync(new FinishRequest(job.Id, workerId, outcome, now, reason, completion, stopReason), CancellationToken.None)) return;
        if (completion.Mail is not null) outbox.MailWritten();
        Finished(ended, outcome);
    }

    private void Finished(Job job, JobStatus outcome)
    {
        JobTracing.RunEnded(outcome.ToName(), job);
        logger.LogInformation("Job {JobId} {Outcome}", job.Id, outcome.ToName());
        metrics.Finished(job.Kind, outcome);
        if (outcome == JobStatus.Completed) throughput.Completed(job);
        events.Publish(new JobChange(job.Id, job.OwnerId, JobChangeKind.Finished));
    }

    /// <summary>Pauses the job at this chunk boundary, giving its lease back; the worker goes on to other jobs.</summary>
    private async Task<bool> PauseAsync(Job job, string workerId)
    {
        // Not cancellable by shutdown, like an end: the pause was asked and the chunk before it committed.
        if (!await store.PauseAsync(new PauseLeasedRequest(job.Id, workerId, clock.GetUtcNow()), CancellationToken.None)) return false;
        logger.LogInformation("Job {JobId} paused at item {At}", job.Id, job.Checkpoint.Processed);
        JobTracing.RunEnded("paused", job);
        events.Publish(new JobChange(job.Id, job.OwnerId, JobChangeKind.Paused));
        return true;
    }

    private async Task ReleaseAsync(Guid jobId, string workerId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await store.ReleaseAsync(new ReleaseRequest(jobId, workerId, clock.GetUtcNow()), timeout.Token);
        }
        catch (Exception ex)
        {
            // Not fatal: the lease simply runs out and the job resumes a little later.
            logger.LogWarning(ex, "Job {JobId}: could not release its lease on shutdown", jobId);
        }
    }

    /// <summary>Renews the lease every third of its length; cancels the run the moment it is lost.</summary>
    private async Task KeepLeaseAsync(Guid jobId, string workerId, LeaseWatch lease, CancellationTokenSource run)
    {
        var every = _options.LeaseDuration / 3;
        while (!run.IsCancellationRequested)
        {
            try
            {
                // Every run ends by cancelling this wait: not throwing there saves an exception per job,
                // which at thousands of small jobs a second is a measurable share of a core.
                await Task.Delay(every, clock, run.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (run.IsCancellationRequested) return;
                var state = await store.HeartbeatAsync(new HeartbeatRequest(jobId, workerId, clock.GetUtcNow(), _options.LeaseDuration), run.Token);
                if (state == LeaseState.HeldAbortRequested) lease.AbortRequested = true;
                if (state == LeaseState.HeldPauseRequested) lease.PauseRequested = true;
                if (state == LeaseState.Lost)
                {
                    lease.Lost = true;
                    await run.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A missed beat is not fatal: the lease is three beats long, and the commit guard still holds.
                logger.LogWarning(ex, "Job {JobId}: heartbeat failed", jobId);
            }
        }
    }

    private const string LeaseLostOutcome = "leaseLost";

    private sealed class LeaseWatch
    {
        public volatile bool AbortRequested;
        public volatile bool PauseRequested;
        public volatile bool Lost;

        /// <summary>What the job's row, as claimed or re-read, asks of its worker.</summary>
        public void Read(Job job)
        {
            if (job.Status == JobStatus.Aborting) AbortRequested = true;
            if (job.IsPausing) PauseRequested = true;
        }
    }
}
