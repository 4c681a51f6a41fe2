using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Offload.Platform.Localization;
using Offload.Platform.Branches;
using Offload.Web.Auth;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Admin.Branches;

/// <summary>Power Users see their own branches; only Superadmins create.</summary>
internal sealed class IndexModel(IBranchStore branches, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxNameLength = 100;

    [BindProperty]
    public BranchInput Input { get; set; } = new();

    public IReadOnlyList<Branch> Items { get; private set; } = [];
    public bool MayCreate { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!MayCreate) return Forbid();
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError("Input.Name", t["The name is required."]);
        else if (name.Length > MaxNameLength) ModelState.AddModelError("Input.Name", t["The name is longer than {0} characters.", MaxNameLength]);
        if (Input.ParentId is { } parent && Items.All(b => b.Id != parent))
            ModelState.AddModelError("Input.ParentId", t["The parent branch no longer exists."]);
        if (!ModelState.IsValid) return Page();
        if (await branches.CreateAsync(new CreateBranchRequest(name, Input.ParentId), ct) is null)
        {
            ModelState.AddModelError("Input.Name", t["A branch with this name already exists."]);
            return Page();
        }
        return Redirect("/admin/branches");
    }

    public string ParentName(Branch branch) => Items.FirstOrDefault(b => b.Id == branch.ParentId)?.Name ?? "";

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        MayCreate = actor.IsSuperadmin;
        Items = await branches.ListAsync(new ListBranchesRequest(actor.Branches()), ct);
    }

    public sealed class BranchInput
    {
        public string? Name { get; set; }
        public long? ParentId { get; set; }
    }
}
