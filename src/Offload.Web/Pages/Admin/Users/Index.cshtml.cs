using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Platform.Branches;
using Offload.Platform.Users;
using Offload.Web.Auth;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>Superadmins see everyone; Power Users only the users of their branches (SPEC §1).</summary>
internal sealed class IndexModel(IUserStore users, IBranchStore branches) : PageModel
{
    public const int PageSize = 50;

    public string? Text { get; private set; }
    public long? Branch { get; private set; }
    public bool? Active { get; private set; }
    public IReadOnlyList<User> Items { get; private set; } = [];
    public IReadOnlyList<Branch> Branches { get; private set; } = [];
    public long? NextAfter { get; private set; }
    public bool MayEdit { get; private set; }

    public async Task OnGetAsync(string? text, long? branch, bool? active, long? after, CancellationToken ct)
    {
        var actor = User.ToActor();
        var scope = actor.IsSuperadmin ? null : actor.BranchIds;
        (Text, Branch, Active, MayEdit) = (text, branch, active, actor.IsSuperadmin);
        Branches = await branches.ListAsync(new ListBranchesRequest(scope), ct);
        // One row more than shown tells whether a next page exists without counting.
        var found = await users.ListAsync(new ListUsersRequest(new UserFilter(branch, active, text), scope, PageSize + 1, after), ct);
        Items = [.. found.Take(PageSize)];
        NextAfter = found.Count > PageSize ? Items[^1].Id : null;
    }

    public string BranchNames(User user) =>
        string.Join(", ", Branches.Where(b => user.BranchIds.Contains(b.Id)).Select(b => b.Name));
}
