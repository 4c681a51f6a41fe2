using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Platform.Users.Import;
using Offload.Web.Auth;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>Import users, step 2: what the import will do, then Start import or Cancel. Someone else's preview is a 404.</summary>
internal sealed class ImportPreviewModel(UsersImportPreviews previews) : PageModel
{
    public ImportPreview Preview { get; private set; } = null!;

    public int EstimatedSeconds { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid previewId, CancellationToken ct)
    {
        if (await previews.GetAsync(previewId, User.ToActor(), ct) is not { } preview) return NotFound();
        Preview = preview;
        EstimatedSeconds = previews.EstimateSeconds(preview);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(Guid previewId, CancellationToken ct) =>
        await previews.StartAsync(previewId, User.ToActor(), ct) is { } job
            ? Redirect($"/admin/users?started={job.Id}")
            : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(Guid previewId, CancellationToken ct)
    {
        await previews.DeleteAsync(previewId, User.ToActor(), ct);
        return Redirect("/admin/users/import");
    }
}
