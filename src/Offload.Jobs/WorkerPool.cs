using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offload.Jobs.Storage;

namespace Offload.Jobs;

/// <summary>
/// Offload:Workers slots that run claimed jobs, fed by one claim loop per node. The loop claims for all
/// idle slots at once (one round trip, one commit), and only one claim is in flight per node: under a
/// backlog, slots that free up while a claim runs are filled by the next one, so claims batch themselves
/// and their cost does not grow with the job rate. When idle, the loop sleeps on the in-process signal
/// (enqueue, LISTEN/NOTIFY); jobs nobody announced (expired leases) are found by one poll per node every
/// Offload:PollInterval: an idle node costs the database the same few queries and one pooled connection
/// whatever its pool size.
/// </summary>
public sealed class WorkerPool(IJobStore store, JobRunner runner, JobSignal signal, JobMetrics metrics, TimeProvider clock,
    IOptions<JobsOptions> options, ILogger<WorkerPool> logger) : BackgroundService
{
    /// <summary>Identifies this process in lease columns, so an operator can tell whose job it is.</summary>
    public static readonly string NodeId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    private readonly ConcurrentStack<int> _idle = new();
    private string[] _workerIds = [];
    private Task[] _slots = [];

    /// <summary>1 when work may be waiting for a slot: the last claim filled every slot it asked for.</summary>
    private int _backlog;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.Value.Workers;
        logger.LogInformation("Starting {Workers} job workers on {Node}", count, NodeId);
        _workerIds = [.. Enumerable.Range(0, count).Select(i => $"{NodeId}/{i}")];
        _slots = [.. Enumerable.Repeat(Task.CompletedTask, count)];
        for (var i = count - 1; i >= 0; i--) _idle.Push(i);
        await Task.WhenAll(ClaimLoopAsync(stoppingToken), PollAsync(stoppingToken));
        // Running jobs see the same token: each stops at its last checkpoint and gives its lease back.
        await Task.WhenAll(_slots);
    }

    /// <summary>Real time, like the wait it replaces: a poll is about the database, not the engine's clock.</summary>
    private async Task PollAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.PollInterval, ct);
                signal.Pulse();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task ClaimLoopAsync(CancellationToken ct)
    {
        await Task.Yield();
        var o = options.Value;
        var look = true; // at start-up: what a previous run left queued
        while (!ct.IsCancellationRequested)
        {
            if (!look)
            {
                await signal.WaitAsync(Timeout.InfiniteTimeSpan, ct);
                // The look below covers every pulse so far: a burst of enqueues or endings costs one claim.
                signal.Drain();
                if (ct.IsCancellationRequested) return;
            }
            look = false;
            var free = TakeIdle();
            if (free.Length == 0)
            {
                // Work was announced while every slot is busy: the next slot to free up looks for it.
                Interlocked.Exchange(ref _backlog, 1);
                free = TakeIdle();
                if (free.Length == 0) continue;
            }
            IReadOnlyList<Job> jobs;
            try
            {
                jobs = await store.ClaimAsync(new ClaimRequest([.. free.Select(i => _workerIds[i])], clock.GetUtcNow(), o.LeaseDuration), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Release(free);
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Node {Node} could not claim jobs; retrying", NodeId);
                Release(free);
                await signal.WaitAsync(o.PollInterval, ct);
                look = true;
                continue;
            }
            // The store leases the i-th job to the i-th worker it was given.
            for (var i = 0; i < jobs.Count; i++) _slots[free[i]] = RunAsync(free[i], jobs[i], ct);
            Release(free[jobs.Count..]);
            // Every slot asked for got a job: there may be more, for the slots that free up next.
            var full = jobs.Count == free.Length;
            Interlocked.Exchange(ref _backlog, full ? 1 : 0);
            look = full && !_idle.IsEmpty;
        }
    }

    private int[] TakeIdle()
    {
        var free = new int[_workerIds.Length];
        var n = _idle.TryPopRange(free);
        return free[..n];
    }

    private void Release(int[] slots)
    {
        if (slots.Length > 0) _idle.PushRange(slots);
    }

    private async Task RunAsync(int slot, Job job, CancellationToken ct)
    {
        await Task.Yield(); // the claim loop goes on at once
        try
        {
            metrics.Claimed(job);
            await runner.RunAsync(job, _workerIds[slot], ct);
        }
        catch (Exception ex)
        {
            // The job keeps its lease until it runs out, then any worker resumes it; the slot goes on.
            if (!ct.IsCancellationRequested)
                logger.LogError(ex, "Worker {Worker} could not finish running job {JobId}", _workerIds[slot], job.Id);
        }
        finally
        {
            _idle.Push(slot);
            if (Volatile.Read(ref _backlog) == 1) signal.Pulse();
        }
    }
}
