using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Jobs.Storage;
using Offload.Platform.Branches;
using Offload.Platform.MassActions;
using Offload.Platform.Notifications;
using Offload.Platform.Users;
using Offload.Web.Auth;
using Offload.Web.Pages.Shared;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>
/// Superadmins see everyone; Power Users only the users of their branches (SPEC §1), and select among them for the
/// mass actions (SPEC §9). Without JavaScript, "select all" is a link that shows the page again with the rows checked.
/// </summary>
internal sealed class IndexModel(IUserStore users, IBranchStore branches, SelectionJobs selections, IJobMonitor monitor,
    JobDescriptions descriptions) : PageModel
{
    public const int PageSize = 50;
    public const string AllOnPage = "page";

    public string? Text { get; private set; }
    public long? Branch { get; private set; }
    public bool? Active { get; private set; }
    public IReadOnlyList<User> Items { get; private set; } = [];
    public IReadOnlyList<Branch> Branches { get; private set; } = [];
    public long? NextAfter { get; private set; }
    public bool MayEdit { get; private set; }
    /// <summary>How many users the filter matches inside the viewer's branches, for "Select all N users matching this filter".</summary>
    public long Matching { get; private set; }
    /// <summary>The whole filter is selected, not rows: it is sent as a filter and frozen when the job starts.</summary>
    public bool AllMatching { get; private set; }
    public IReadOnlySet<long> Checked { get; private set; } = new HashSet<long>();
    /// <summary>The description of the job just started from here, when the viewer may see it.</summary>
    public string? Started { get; private set; }

    public long SelectedCount => AllMatching ? Matching : Checked.Count;

    public async Task OnGetAsync(string? text, long? branch, bool? active, long? after, string? all, long[]? selected, string? started,
        CancellationToken ct)
    {
        var actor = User.ToActor();
        var scope = actor.Branches();
        (Text, Branch, Active, MayEdit) = (text, branch, active, actor.IsSuperadmin);
        var filter = new UserFilter(branch, active, string.IsNullOrWhiteSpace(text) ? null : text);
        Branches = await branches.ListAsync(new ListBranchesRequest(scope), ct);
        // One row more than shown tells whether a next page exists without counting.
        var found = await users.ListAsync(new ListUsersRequest(filter, scope, PageSize + 1, after), ct);
        Items = [.. found.Take(PageSize)];
        NextAfter = found.Count > PageSize ? Items[^1].Id : null;
        Matching = Items.Count == 0 ? 0 : await selections.CountMatchingAsync(filter, actor, ct);
        AllMatching = all == SelectionForm.AllMatching && Matching > 0;
        Checked = all is AllOnPage or SelectionForm.AllMatching
            ? Items.Select(u => u.Id).ToHashSet()
            : (selected ?? []).Intersect(Items.Select(u => u.Id)).ToHashSet();
        Started = await StartedNotice.DescribeAsync(monitor, descriptions, actor, started, ct);
    }

    public string BranchNames(User user) =>
        string.Join(", ", Branches.Where(b => user.BranchIds.Contains(b.Id)).Select(b => b.Name));

    /// <summary>The list's filter, as its forms and links carry it.</summary>
    public SelectionForm FilterForm => new() { Text = Text, Branch = Branch, Active = Active };

    /// <summary>This list again with the same filter, plus one more query field (a selection, the next page).</summary>
    public string ListUrl(string? key = null, string? value = null) =>
        "/admin/users" + Microsoft.AspNetCore.Http.QueryString.Create(
            key is null ? FilterForm.FilterFields() : [.. FilterForm.FilterFields(), new(key, value)]);
}
