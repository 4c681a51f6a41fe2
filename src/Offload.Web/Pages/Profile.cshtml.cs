using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Platform.Branches;
using Offload.Platform.Users;
using Offload.Web.Auth;

namespace Offload.Web.Pages;

/// <summary>Every role may see its own account, and only its own.</summary>
internal sealed class ProfileModel(IUserStore users, IBranchStore branches) : PageModel
{
    public User Account { get; private set; } = null!;
    public IReadOnlyList<string> BranchNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetAsync(new GetUserRequest(User.ToActor().Id), ct) is not { } account) return NotFound();
        Account = account;
        BranchNames = account.BranchIds.Count == 0
            ? []
            : [.. (await branches.ListAsync(new ListBranchesRequest(account.BranchIds), ct)).Select(b => b.Name)];
        return Page();
    }
}
