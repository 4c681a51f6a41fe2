using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Web.Jobs;

namespace Offload.Web.Pages.Shared;

/// <summary>
/// What the top bar shows on each page (seed point 9): the arrow icon while the user's jobs run, and while
/// finished ones wait unread, so the notification area stays within reach once the last job is done.
/// </summary>
internal sealed record JobIndicatorState(IReadOnlyList<Job> Running, long Unread)
{
    public const int MaxRunning = 20;

    public static readonly JobIndicatorState Empty = new([], 0);

    public bool Visible => Running.Count > 0 || Unread > 0;

    public static async Task<JobIndicatorState> ReadAsync(IJobMonitor monitor, INotificationStore notices, long userId, CancellationToken ct) =>
        new(await monitor.ListRunningAsync(userId, MaxRunning, ct),
            (await notices.ListAsync(new ListNotificationsRequest(userId, 1), ct)).Unread);
}
