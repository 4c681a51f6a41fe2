using Offload.Jobs.Storage;
using Offload.Platform.Identity;
using Offload.Platform.Notifications;
using Offload.Web.Jobs;

namespace Offload.Web.Pages.Shared;

/// <summary>
/// The notice a screen shows when a mass action sent the admin back to it (<c>?started={jobId}</c>). Only a job the
/// viewer may see has one: anyone else's id, or no job at all, is simply no notice (as the jobs API answers 404).
/// </summary>
internal static class StartedNotice
{
    public static async Task<string?> DescribeAsync(IJobMonitor monitor, JobDescriptions descriptions, Actor actor, string? started,
        CancellationToken ct) =>
        started is not null && await monitor.FindVisibleAsync(actor, started, ct) is { } job
            ? descriptions.For(job)
            : null;
}
