using Microsoft.AspNetCore.Mvc;
using Offload.Platform.Branches;
using Microsoft.Extensions.Localization;
using Offload.Platform.Identity;
using Offload.Platform.Localization;
using Offload.Platform.Users;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>Superadmin only (page convention).</summary>
internal sealed class NewModel(IUserStore users, IBranchStore branches, IPasswordHasher hasher, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : UserFormPage(branches, hasher, t)
{
    public override bool IsNew => true;

    public Task OnGetAsync(CancellationToken ct) => LoadBranchesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await IsValidAsync(ct)) return Page();
        var id = await users.CreateAsync(new CreateUserRequest(Input.ToUser(0, PasswordHash()), clock.GetUtcNow()), ct);
        if (id is null)
        {
            UsernameIsTaken();
            return Page();
        }
        return Redirect($"/admin/users/{id}");
    }
}
