using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Web.Auth;

namespace Offload.Web.Pages.Jobs;

/// <summary>
/// The Background Jobs page (SPEC §6): Superadmins choose All jobs / My jobs, everyone else sees their own.
/// Keyset-paged like /api/jobs, so the page's script can go on loading more through the API.
/// </summary>
internal sealed class IndexModel(IJobMonitor monitor, IOptions<JobsOptions> options) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The row the page's script clones for a job it learns about live; every slot is filled from the job's JSON.</summary>
    public static readonly Job Blank = new()
    {
        Id = Guid.Empty, Kind = "", Description = "", OwnerId = 0, OwnerName = "", Status = JobStatus.Queued,
        CreatedAt = DateTimeOffset.UnixEpoch, Total = 0, ExpiresAt = DateTimeOffset.UnixEpoch, Input = "",
    };

    public bool ShowTabs { get; private set; }
    /// <summary>"all" or "mine"; a Power User's is always "mine".</summary>
    public string Scope { get; private set; } = "mine";
    public JobStatus? Status { get; private set; }
    public Guid? Before { get; private set; }
    public IReadOnlyList<Job> Items { get; private set; } = [];
    public Guid? Next { get; private set; }
    public long Me { get; private set; }
    public int RetentionDays => (int)options.Value.Retention.TotalDays;

    public async Task OnGetAsync(string? scope, string? status, Guid? before, CancellationToken ct)
    {
        var actor = User.ToActor();
        Me = actor.Id;
        ShowTabs = actor.IsSuperadmin;
        Scope = actor.IsSuperadmin && scope != "mine" ? "all" : "mine";
        // An unknown status in a hand-typed address shows every job rather than an error page.
        Status = JobStatuses.TryParse(status, out var parsed) ? parsed : null;
        Before = before;
        var page = await monitor.ListAsync(new ListJobsRequest(Scope == "all" ? null : actor.Id, Status, PageSize, before), ct);
        (Items, Next) = (page.Items, page.Next);
    }

    /// <summary>This view's address with another cursor, so paging keeps the tab and the filter.</summary>
    public string Link(Guid? before) => QueryHelpers.AddQueryString("/jobs", new Dictionary<string, string?>
    {
        ["scope"] = ShowTabs ? Scope : null,
        ["status"] = Status?.ToName(),
        ["before"] = before?.ToString(),
    });
}
