using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offload.Jobs.Storage;

namespace Offload.Jobs;

/// <summary>
/// Offload:Workers loops that claim and run jobs. An idle loop sleeps on the in-process signal, with
/// the poll interval only as a fallback for jobs it cannot be told about (expired leases).
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
        return Task.WhenAll(Enumerable.Range(0, count).Select(i => WorkLoopAsync($"{NodeId}/{i}", stoppingToken)));
    }

    private async Task WorkLoopAsync(string workerId, CancellationToken ct)
    {
        await Task.Yield();
        var o = options.Value;
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
                await signal.WaitAsync(o.PollInterval, ct);
                continue;
            }
            metrics.Claimed(job);
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
}
