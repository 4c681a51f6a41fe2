using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Microsoft.Extensions.Localization;
using Offload.Platform;
using Offload.Platform.Localization;
using Offload.Platform.Users;
using Offload.Web.Auth;
using Offload.Web.Jobs;

namespace Offload.Web.Pages.Jobs;

/// <summary>
/// The Background Jobs page (SPEC §6): Superadmins choose All jobs / My jobs, everyone else sees their own.
/// Keyset-paged like /api/jobs, so the page's script can go on loading more through the API.
/// </summary>
internal sealed class IndexModel(IJobMonitor monitor, IUserStore users, JobKinds kinds, IStringLocalizer<SharedResource> t,
    IOptions<JobsOptions> options) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Each filter's label on the form, to name the one at fault.</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["kind"] = "Kind", ["status"] = "Status", ["owner"] = "Owner", ["from"] = "Created from", ["to"] = "Created until", ["q"] = "Text",
    };

    /// <summary>The row the page's script clones for a job it learns about live; every slot is filled from the job's JSON.</summary>
    public static readonly Job Blank = new()
    {
        Id = Guid.Empty, Kind = "", Description = "", OwnerId = 0, OwnerName = "", Status = JobStatus.Queued,
        CreatedAt = DateTimeOffset.UnixEpoch, Total = 0, ExpiresAt = DateTimeOffset.UnixEpoch, Input = "",
    };

    public bool ShowTabs { get; private set; }
    /// <summary>"all" or "mine"; a Power User's is always "mine".</summary>
    public string Scope { get; private set; } = "mine";
    public JobStatus? Status => Filter.Status;
    /// <summary>The filters as read; with bad input, none (and <see cref="FilterError"/> says which field and why).</summary>
    public JobFilter Filter { get; private set; } = JobFilter.None;
    /// <summary>The filter form's values as typed, shown back in it.</summary>
    public FilterForm Form { get; private set; } = new(null, null, null, null, null, null, null, false);
    public (string Field, string Message)? FilterError { get; private set; }
    public IReadOnlyList<(string Kind, string Label)> Kinds { get; private set; } = [];
    /// <summary>The account the owner filter names, for the live script; null when none is asked for.</summary>
    public long? OwnerId { get; private set; }
    public Guid? Before { get; private set; }
    public IReadOnlyList<Job> Items { get; private set; } = [];
    public Guid? Next { get; private set; }
    public long Me { get; private set; }
    public int RetentionDays => (int)options.Value.Retention.TotalDays;

    /// <param name="tz">The viewer's offset from UTC in minutes, set by the page's script so dates are the viewer's days; UTC without it.</param>
    public async Task OnGetAsync(string? scope, string? status, string? kind, string? owner, string? from, string? to, string? q, int? tz,
        Guid? before, CancellationToken ct)
    {
        var actor = User.ToActor();
        Me = actor.Id;
        ShowTabs = actor.IsSuperadmin;
        Scope = actor.IsSuperadmin && scope != "mine" ? "all" : "mine";
        Kinds = kinds.Labelled(t);
        var offset = tz is >= -14 * 60 and <= 14 * 60 ? TimeSpan.FromMinutes(tz.Value) : TimeSpan.Zero;
        Form = new FilterForm(status, kind, owner, from, to, q, offset == TimeSpan.Zero ? null : tz, actor.IsSuperadmin);
        Before = before;
        try
        {
            Filter = JobFilter.Parse(kind, status, owner, from, to, q, kinds, offset);
        }
        catch (RequestRejectedException e)
        {
            // The form says what is wrong with which field, by its label (the API's detail names query parameters); no list,
            // rather than a list that ignores what was asked.
            FilterError = (e.Field, t["{0}: {1}", t[e.Title], t[FieldLabels.GetValueOrDefault(e.Field, e.Field)]]);
            return;
        }
        if (await Filter.ToRequestAsync(actor, Scope == "all", PageSize, before, users, ct) is not { } request) return;
        OwnerId = Filter.Owner is null ? null : request.OwnerId;
        var page = await monitor.ListAsync(request, ct);
        (Items, Next) = (page.Items, page.Next);
    }

    /// <summary>This view's address without any filter (the form's "clear" link), keeping the tab.</summary>
    public string ClearLink => QueryHelpers.AddQueryString("/jobs", new Dictionary<string, string?> { ["scope"] = ShowTabs ? Scope : null });

    /// <summary>This view's address with another cursor, so paging keeps the tab and the filters.</summary>
    public string Link(Guid? before) => QueryHelpers.AddQueryString("/jobs", new Dictionary<string, string?>
    {
        ["scope"] = ShowTabs ? Scope : null,
        ["status"] = Status?.ToName(),
        ["kind"] = Filter.Kind,
        ["owner"] = Filter.Owner,
        ["from"] = Form.From,
        ["to"] = Form.To,
        ["q"] = Filter.Text,
        ["tz"] = Form.Tz?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["before"] = before?.ToString(),
    });
}

/// <summary>What the filter form shows back: the values as typed, the viewer's offset, and whether it offers the owner field.</summary>
internal sealed record FilterForm(string? Status, string? Kind, string? Owner, string? From, string? To, string? Q, int? Tz, bool ShowOwner);
