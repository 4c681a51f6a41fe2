using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;

namespace Offload.Web.Jobs;

/// <summary>
/// Who may see a job: a Superadmin every job, anyone else only their own. A job you may not see is
/// answered exactly like one that does not exist (404), so ids leak nothing.
/// </summary>
internal static class JobAccess
{
    public static bool MaySee(this Actor actor, Job job) => actor.IsSuperadmin || job.OwnerId == actor.Id;

    public static async Task<Job?> FindVisibleAsync(this IJobMonitor monitor, Actor actor, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var jobId)) return null;
        var job = await monitor.GetAsync(new GetJobRequest(jobId), ct);
        return job is not null && actor.MaySee(job) ? job : null;
    }
}
