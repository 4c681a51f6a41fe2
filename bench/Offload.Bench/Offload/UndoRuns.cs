using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;
using Offload.Platform.MassActions.Undo;

namespace Offload.Bench.Offload;

/// <summary>What the undo scenarios share: waiting for a job on an in-process node, and undoing the last completed job.</summary>
internal static class UndoRuns
{
    /// <summary>The job once finished; throws unless it completed, or when it runs past <paramref name="limit"/>.</summary>
    public static async Task<Job> WaitCompletedAsync(OffloadNode node, Guid id, TimeSpan limit)
    {
        var monitor = node.Services.GetRequiredService<IJobMonitor>();
        var until = Stopwatch.StartNew();
        while (true)
        {
            var job = (await monitor.GetAsync(new GetJobRequest(id), default))!;
            if (job.Status.IsFinished())
                return job.Status == JobStatus.Completed ? job : throw new InvalidOperationException($"Job {job.Kind} ended {job.Status}: {job.FailureReason}");
            if (until.Elapsed > limit) throw new TimeoutException($"Job {job.Kind} still {job.Status} at {job.Processed}.");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Undoes the newest completed job as <paramref name="admin"/> would from the page (start, then run to the end) and
    /// returns how long it took; it must revert all <paramref name="items"/> without an error.
    /// </summary>
    public static async Task<TimeSpan> UndoLastAsync(OffloadNode node, Actor admin, long items, TimeSpan limit)
    {
        var monitor = node.Services.GetRequiredService<IJobMonitor>();
        var clock = Stopwatch.StartNew();
        var original = (await monitor.ListAsync(new ListJobsRequest(null, JobStatus.Completed, 1, null), default)).Items[0];
        var started = await node.Services.GetRequiredService<JobUndo>().StartAsync(original, admin, default);
        var undo = await WaitCompletedAsync(node, started.Undo?.Id ?? throw new InvalidOperationException($"Undo refused: {started.Result}"), limit);
        if ((undo.Processed, undo.ErrorCount) != (items, 0)) throw new InvalidOperationException($"Undo ended at {undo.Processed} with {undo.ErrorCount} errors.");
        return clock.Elapsed;
    }
}
