using Microsoft.AspNetCore.Mvc;
using Offload.Platform.Branches;
using Microsoft.Extensions.Localization;
using Offload.Platform.Identity;
using Offload.Platform.Localization;
using Offload.Platform.Users;
using Offload.Web.Auth;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>Superadmin only (page convention).</summary>
internal sealed class EditModel(IUserStore users, IBranchStore branches, IPasswordHasher hasher, AccountChanges changes,
    IStringLocalizer<SharedResource> t)
    : UserFormPage(branches, hasher, t)
{
    public override bool IsNew => false;

    /// <summary>The stored username, for the heading while the field may hold an edit in progress.</summary>
    public string Username { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await users.GetAsync(new GetUserRequest(id), ct) is not { } user) return NotFound();
        Username = user.Username;
        Input = UserForm.From(user);
        await LoadBranchesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await users.GetAsync(new GetUserRequest(id), ct) is not { } user) return NotFound();
        Username = user.Username;
        // A Superadmin cannot lock themselves out: that could leave the platform with nobody to manage it.
        if (id == User.ToActor().Id && (!Input.Active || Input.Role != Roles.Superadmin))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(UserForm.Role)}", Texts["You cannot deactivate your own account or remove your own Superadmin role."]);
        if (!await IsValidAsync(ct)) return Page();
        switch (await users.UpdateAsync(new UpdateUserRequest(Input.ToUser(id, PasswordHash())), ct))
        {
            case UserWriteResult.NotFound:
                return NotFound();
            case UserWriteResult.UsernameTaken:
                UsernameIsTaken();
                return Page();
            case UserWriteResult.LastSuperadmin:
                ModelState.AddModelError($"{nameof(Input)}.{nameof(UserForm.Role)}", Texts["The last Superadmin must stay one: make someone else Superadmin first."]);
                return Page();
            default:
                changes.Changed(id);
                return Redirect($"/admin/users/{id}?saved=true");
        }
    }
}
