using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Jobs.Audit;
using Offload.Jobs.Storage;
using Offload.Web.Audit;
using Offload.Web.Auth;

namespace Offload.Web.Pages.Admin;

/// <summary>
/// The audit trail (Admin Menu, Settings; SPEC §10), Superadmins only: who did what to which job, newest first, filtered
/// by a GET form, keyset-paged like /api/audit, with the same filtered list as a CSV download.
/// </summary>
[Authorize(Policy = AuthSetup.SuperadminPolicy)]
internal sealed class AuditModel(IAuditTrail audit, IJobMonitor monitor, IOptions<AuditOptions> options) : PageModel
{
    public const int PageSize = 50;

    public string? Actor { get; private set; }
    public string? Action { get; private set; }
    public long? Before { get; private set; }
    public IReadOnlyList<AuditEntry> Items { get; private set; } = [];
    public long? Next { get; private set; }
    /// <summary>The jobs of this page still stored, to name them by their description.</summary>
    public IReadOnlyDictionary<Guid, Job> Jobs { get; private set; } = new Dictionary<Guid, Job>();
    public int RetentionDays => (int)options.Value.Retention.TotalDays;

    public async Task OnGetAsync(string? actor, string? action, long? before, CancellationToken ct)
    {
        // A hand-typed address with a filter the API would refuse shows every entry rather than an error page.
        var query = AuditQuery.Parse(actor, action).Query ?? AuditQuery.Parse(null, null).Query!;
        (Actor, Action, Before) = (query.Actor, query.Action, before);
        var page = await audit.ListAsync(query.Page(PageSize, before), ct);
        (Items, Next) = (page.Items, page.Next);
        // One primary-key read per job still there (a page holds at most PageSize entries), on a Superadmin's page.
        var jobs = new Dictionary<Guid, Job>();
        foreach (var id in Items.Where(e => e.JobExists).Select(e => e.JobId).Distinct())
            if (await monitor.GetAsync(new GetJobRequest(id), ct) is { } job) jobs[id] = job;
        Jobs = jobs;
    }

    /// <summary>This view's address with another cursor, so paging keeps the filters.</summary>
    public string Link(long? before) => QueryHelpers.AddQueryString("/admin/audit", Filters(before));

    /// <summary>The same filtered list as CSV.</summary>
    public string CsvLink => QueryHelpers.AddQueryString("/api/audit.csv", Filters(null));

    private Dictionary<string, string?> Filters(long? before) => new()
    {
        ["actor"] = Actor,
        ["action"] = Action,
        ["before"] = before?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>An action in the reader's words.</summary>
    public static string Words(IStringLocalizer t, string action) => action switch
    {
        AuditActions.Start => t["Job started"],
        AuditActions.Abort => t["Job aborted"],
        AuditActions.Pause => t["Job paused"],
        AuditActions.Resume => t["Job resumed"],
        AuditActions.Retry => t["Failed items retried"],
        AuditActions.Undo => t["Job undone"],
        AuditActions.Delete => t["Job deleted"],
        _ => action,
    };
}
