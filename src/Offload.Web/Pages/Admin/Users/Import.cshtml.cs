using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Offload.Platform;
using Offload.Platform.Localization;
using Offload.Platform.Users.Import;
using Offload.Web.Auth;
using Offload.Web.MassActions;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>
/// Import users, step 1: the upload. Without JavaScript the form posts here and a refused file is shown next to
/// the file field; with it, import-upload.js sends the file to the preview API and swaps the preview step in.
/// </summary>
/// <remarks>
/// Antiforgery is checked by hand after the request's size limit is raised to the import's: the automatic check
/// reads the form first, against the host's 1 MB default, and would refuse every real file before this code runs.
/// </remarks>
[IgnoreAntiforgeryToken]
internal sealed class ImportModel(UsersImportPreviews previews, IAntiforgery antiforgery, IOptions<ImportOptions> options,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public ImportOptions Limits { get; } = options.Value;

    /// <summary>The refusal of the file sent, worded in the reader's language.</summary>
    public (string Title, string Detail)? Refusal { get; private set; }

    public bool UpdateExisting { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = Limits.MaxBytes + 1024 * 1024;
        PreviewUpload? upload = null;
        var kept = false;
        try
        {
            // The form first (files over 64 KB are buffered to disk, not memory): the token check reads it from there.
            var form = await Request.ReadFormAsync(ct);
            await antiforgery.ValidateRequestAsync(HttpContext);
            UpdateExisting = UsersImportApi.TryParseFlag(form["updateExisting"].ToString(), out var flag) && flag;
            if (form.Files.GetFile("file") is not { } sent)
                throw new RequestRejectedException("No file was sent", "Choose a CSV file to import.", "file");
            await using (var content = sent.OpenReadStream())
                upload = await previews.ReceiveAsync(content, sent.FileName, ct);
            var preview = await previews.CreateAsync(upload, UpdateExisting, User.ToActor(), ct);
            kept = true;
            return Redirect($"/admin/users/import/{preview.Id}");
        }
        catch (RequestRejectedException e)
        {
            Refusal = (t[e.Title], Problems.Detail(t, e));
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Refusal = (t["The file is too large"], t["A users CSV may be at most {0:0.#} MB; split the file and import each part.", Limits.MaxBytes / (1024.0 * 1024)]);
        }
        catch (InvalidDataException)
        {
            Refusal = (t["The form could not be read"], t["Choose a CSV file to import."]);
        }
        finally
        {
            if (!kept && upload is not null) previews.Discard(upload);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
