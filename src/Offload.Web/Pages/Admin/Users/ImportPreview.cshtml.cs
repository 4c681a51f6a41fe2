using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Globalization;
using Offload.Jobs;
using Offload.Platform;
using Offload.Platform.MassActions;
using Offload.Platform.Users.Import;
using Offload.Web.Auth;
using Offload.Web.MassActions;
using Offload.Web.Pages.Shared;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>Import users, step 2: what the import will do, then Start import or Cancel. Someone else's preview is a 404.</summary>
internal sealed class ImportPreviewModel(UsersImportPreviews previews, ActionWords words) : PageModel
{
    public ImportPreview Preview { get; private set; } = null!;

    public int EstimatedSeconds { get; private set; }

    /// <summary>The Start form's advanced error-rate stop, prefilled with the import's default.</summary>
    public StopOnErrorsField StopOnErrors { get; private set; } = new("import", Default.Percent.ToString(CultureInfo.InvariantCulture),
        Default.After.ToString(CultureInfo.InvariantCulture), ForImport: true);

    /// <summary>A refused error-rate stop, said beside the Start button.</summary>
    public (string Title, string? Detail)? Refusal { get; private set; }

    private static StopOnErrors Default => ErrorRateStop.ImportDefault;

    public async Task<IActionResult> OnGetAsync(Guid previewId, CancellationToken ct)
    {
        if (await previews.GetAsync(previewId, User.ToActor(), ct) is not { } preview) return NotFound();
        Preview = preview;
        EstimatedSeconds = previews.EstimateSeconds(preview);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(Guid previewId, CancellationToken ct)
    {
        StopOnErrors? stop;
        try
        {
            stop = StopOnErrorsDto.Resolve(StopOnErrorsForm.Of(Request.Form), Default);
        }
        catch (RequestRejectedException e)
        {
            var page = await OnGetAsync(previewId, ct);
            if (Preview is null) return page;
            Refusal = words.Refusal(e);
            StopOnErrors = StopOnErrors with { Percent = Request.Form["stopOnErrors.percent"], After = Request.Form["stopOnErrors.after"], Open = true };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
        return await previews.StartAsync(previewId, stop, User.ToActor(), ct) is { } job
            ? Redirect($"/admin/users?started={job.Id}")
            : NotFound();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid previewId, CancellationToken ct)
    {
        await previews.DeleteAsync(previewId, User.ToActor(), ct);
        return Redirect("/admin/users/import");
    }
}
