using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Web.Auth;
using Offload.Web.Jobs;

namespace Offload.Web.Pages;

/// <summary>The notification area as a page of its own: where the arrow icon leads without JavaScript.</summary>
internal sealed class NotificationsModel(IJobMonitor monitor, INotificationStore notices, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Job> Running { get; private set; } = [];
    public NotificationPage Notices { get; private set; } = new(0, []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.ToActor().Id;
        Running = await monitor.ListRunningAsync(me, 100, ct);
        Notices = await notices.ListAsync(new ListNotificationsRequest(me, 50), ct);
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        await notices.MarkReadAsync(new MarkReadRequest(id, User.ToActor().Id, clock.GetUtcNow()), ct);
        return LocalRedirect("/notifications");
    }
}
