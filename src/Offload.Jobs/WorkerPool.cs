using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offload.Jobs.Storage;

namespace Offload.Jobs;

/// <summary>
/// Offload:Workers loops that claim and run jobs. An idle loop sleeps on the in-process signal. Jobs it
/// cannot be told about (expired leases) are found by one poll per node every Offload:PollInterval, not
/// one per worker: an idle node costs the database the same few queries and one pooled connection
/// whatever its pool size. A poll that finds work is passed on to the next idle worker.
/// </summary>
public sealed class WorkerPool(IJobStore store, JobRunner runner, JobSignal signal, JobMetrics metrics, TimeProvider clock,
    IOptions<JobsOptions> options, ILogger<WorkerPool> logger) : BackgroundService
{
    /// <summary>Identifies this process in lease columns, so an operator can tell whose job it is.</summary>
    public static readonly string NodeId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.Value.Workers;
        logger.LogInformation("Starting {Workers} job workers on {Node}", count, NodeId);
        return Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => WorkLoopAsync($"{NodeId}/{i}", first: i == 0, stoppingToken))
            .Append(PollAsync(stoppingToken)));
    }

    /// <summary>Real time, like the wait it replaces: a poll is about the database, not the engine's clock.</summary>
    private async Task PollAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.PollInterval, ct);
                signal.Poll();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task WorkLoopAsync(string workerId, bool first, CancellationToken ct)
    {
        await Task.Yield();
        var o = options.Value;
        // One loop looks at start-up (what a previous run left queued); it wakes the others if it finds work.
        var polled = first || await WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            Job? job;
            try
            {
                job = await store.ClaimAsync(new ClaimRequest(workerId, clock.GetUtcNow(), o.LeaseDuration), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Worker {Worker} could not claim a job; retrying", workerId);
                await signal.WaitAsync(o.PollInterval, ct);
                continue;
            }
            if (job is null)
            {
                polled = await WaitAsync(ct);
                continue;
            }
            metrics.Claimed(job);
            // A look no pulse asked for found work: there may be more, so the next idle worker looks too.
            if (polled) signal.Poll();
            polled = false;
            try
            {
                await runner.RunAsync(job, workerId, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The job keeps its lease until it runs out, then any worker resumes it; this loop goes on.
                logger.LogError(ex, "Worker {Worker} could not finish running job {JobId}", workerId, job.Id);
            }
        }
    }

    /// <summary>Sleeps until a pulse; true when the wake-up was the node's poll.</summary>
    private async Task<bool> WaitAsync(CancellationToken ct)
    {
        await signal.WaitAsync(Timeout.InfiniteTimeSpan, ct);
        return signal.TakePoll();
    }
}
