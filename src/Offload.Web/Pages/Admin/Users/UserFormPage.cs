using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Offload.Platform.Localization;
using Offload.Platform.Branches;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>What the create and edit pages share: the fields, the branch choices and the checks that need the store.</summary>
internal abstract class UserFormPage(IBranchStore branches, IPasswordHasher hasher, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string UsernameTaken = "This username is already taken.";

    [BindProperty]
    public UserForm Input { get; set; } = new();

    public IReadOnlyList<Branch> Branches { get; private set; } = [];

    public abstract bool IsNew { get; }

    protected async Task LoadBranchesAsync(CancellationToken ct) =>
        Branches = await branches.ListAsync(new ListBranchesRequest(), ct);

    /// <summary>The form's checks that need the store; false leaves the errors in ModelState for the page to show.</summary>
    protected async Task<bool> IsValidAsync(CancellationToken ct)
    {
        await LoadBranchesAsync(ct);
        if (!UserRules.BranchesExist(Input.BranchIds, Branches))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(UserForm.BranchIds)}", t["One of the branches no longer exists."]);
        if (IsNew && string.IsNullOrEmpty(Input.Password))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(UserForm.Password)}", t["The password is required for a new user."]);
        return ModelState.IsValid;
    }

    /// <summary>Passwords go through the platform's hasher port; an empty field on edit keeps the old one.</summary>
    protected string? PasswordHash() => string.IsNullOrEmpty(Input.Password) ? null : hasher.Hash(Input.Password);

    /// <summary>The words of this request's language, for the checks its subclasses add.</summary>
    protected IStringLocalizer<SharedResource> Texts => t;

    protected void UsernameIsTaken() =>
        ModelState.AddModelError($"{nameof(Input)}.{nameof(UserForm.Username)}", t[UsernameTaken]);
}
