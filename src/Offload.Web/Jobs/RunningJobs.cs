using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Web.Jobs;

/// <summary>A person's unfinished jobs (queued, running, aborting, paused): what the arrow icon and the notification area show.</summary>
internal static class RunningJobs
{
    private static readonly JobStatus[] Unfinished = [JobStatus.Queued, JobStatus.Running, JobStatus.Aborting, JobStatus.Paused];

    /// <summary>Newest first; one small keyset query per unfinished status, as the monitor filters on one status.</summary>
    public static async Task<IReadOnlyList<Job>> ListRunningAsync(this IJobMonitor monitor, long ownerId, int max, CancellationToken ct)
    {
        var found = new List<Job>();
        foreach (var status in Unfinished)
            found.AddRange((await monitor.ListAsync(new ListJobsRequest(ownerId, status, max, null), ct)).Items);
        return [.. found.OrderByDescending(j => j.Id).Take(max)];
    }
}
