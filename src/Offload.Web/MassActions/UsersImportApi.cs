using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Offload.Jobs;
using Offload.Platform;
using Offload.Platform.MassActions;
using Offload.Platform.Users.Import;
using Offload.Web.Auth;

namespace Offload.Web.MassActions;

/// <summary>
/// /api/mass-actions/users-import and its preview (SPEC §7, §9): the same multipart reading, the same limits and the
/// same refusals for the import and the preview; the import also starts from a preview's stored file ({previewId}).
/// </summary>
internal static class UsersImportApi
{
    public static void MapUsersImport(this RouteGroupBuilder actions)
    {
        actions.MapPost("/users-import", ImportUsersAsync).DisableAntiforgery();
        actions.MapPost("/users-import/preview", CreatePreviewAsync).DisableAntiforgery();
        actions.MapGet("/users-import/preview/{id:guid}", async (Guid id, HttpContext http, UsersImportPreviews previews, CancellationToken ct) =>
            await previews.GetAsync(id, http.User.ToActor(), ct) is { } preview
                ? Results.Ok(ImportPreviewDto.From(preview, previews))
                : Results.NotFound());
        actions.MapDelete("/users-import/preview/{id:guid}", async (Guid id, HttpContext http, UsersImportPreviews previews, CancellationToken ct) =>
            await previews.DeleteAsync(id, http.User.ToActor(), ct) ? Results.NoContent() : Results.NotFound());
    }

    /// <summary>JSON {previewId} starts the job from a preview; a multipart upload (what scripts send) imports as it always has.</summary>
    private static async Task<IResult> ImportUsersAsync(HttpContext http, UsersImportAction import, UsersImportPreviews previews,
        IOptions<ImportOptions> limits, ILogger<UsersImportAction> logger, CancellationToken ct)
    {
        if (http.Request.HasJsonContentType()) return await StartFromPreviewAsync(http, previews);
        return await ReceiveAsync(http, limits.Value, logger,
            import.ReceiveAsync, import.Discard,
            async (upload, form) => MassActionsApi.Accepted(http, await import.StartAsync(upload, form.UpdateExisting,
                StopOnErrorsDto.Resolve(form.StopOnErrors, ErrorRateStop.ImportDefault), http.User.ToActor(), ct)));
    }

    private static async Task<IResult> StartFromPreviewAsync(HttpContext http, UsersImportPreviews previews)
    {
        var (input, problem) = await JsonBody.ReadAsync<StartImportInput>(http.Request);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(input!.PreviewId))
            return Problems.Result(400, "No preview was named", "Send {\"previewId\": \"…\"} with the id of your import preview, or upload the file as multipart/form-data.", "previewId");
        if (!Guid.TryParse(input.PreviewId, out var id)) return Results.NotFound();
        StopOnErrors? stop;
        try
        {
            stop = StopOnErrorsDto.Resolve(input.StopOnErrors, ErrorRateStop.ImportDefault);
        }
        catch (RequestRejectedException e)
        {
            return Problems.From(e);
        }
        return await previews.StartAsync(id, stop, http.User.ToActor(), http.RequestAborted) is { } job
            ? MassActionsApi.Accepted(http, job)
            : Results.NotFound();
    }

    private static async Task<IResult> CreatePreviewAsync(HttpContext http, UsersImportPreviews previews,
        IOptions<ImportOptions> limits, ILogger<UsersImportAction> logger, CancellationToken ct) =>
        await ReceiveAsync(http, limits.Value, logger, previews.ReceiveAsync, previews.Discard, async (upload, form) =>
        {
            var preview = await previews.CreateAsync(upload, form.UpdateExisting, http.User.ToActor(), ct);
            return Results.Created($"/api/mass-actions/users-import/preview/{preview.Id}", ImportPreviewDto.From(preview, previews));
        });

    /// <summary>
    /// Reads the multipart body as a stream (never buffered whole): the file goes straight to disk through
    /// <paramref name="receive"/>, bounded by Offload:Import:MaxBytes, then <paramref name="finish"/> checks it and answers, with the
    /// form's other fields: updateExisting, and the error-rate stop (stopOnErrors=false, or stopOnErrors.percent and stopOnErrors.after).
    /// Whatever ends the request before <paramref name="finish"/> succeeds — a refusal, a fault, the client leaving — discards the upload.
    /// </summary>
    private static async Task<IResult> ReceiveAsync<TUpload>(HttpContext http, ImportOptions limits, ILogger logger,
        Func<Stream, string?, CancellationToken, Task<TUpload>> receive, Action<TUpload> discard, Func<TUpload, ImportForm, Task<IResult>> finish)
        where TUpload : class
    {
        var ct = http.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return Problems.Result(400, "Send the file as multipart/form-data",
                "Post a form with a 'file' field holding the CSV and an optional 'updateExisting' field.", "file");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limits.MaxBytes + 1024 * 1024; // room for the form's own framing

        TUpload? upload = null;
        var kept = false;
        var updateExisting = false;
        var stop = new StopOnErrorsForm();
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "file" && disposition.IsFileDisposition() && upload is null)
                {
                    upload = await receive(section.Body, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, ct);
                }
                else if (name == "updateExisting")
                {
                    if (await ReadShortFieldAsync(section.Body, ct) is not { } value || !TryParseFlag(value, out updateExisting))
                        return Problems.Result(400, "updateExisting must be true or false",
                            "Send true or false (1/0, yes/no and on/off also work).", "updateExisting");
                }
                else if (name is not null && name.StartsWith(StopOnErrorsForm.Prefix, StringComparison.Ordinal)
                         && stop.Read(name, await ReadShortFieldAsync(section.Body, ct)) is { } refused)
                {
                    return refused;
                }
            }
            if (upload is null)
                return Problems.Result(400, "No file was sent", "Attach the CSV in a form field named 'file'.", "file");
            var result = await finish(upload, new ImportForm(updateExisting, stop.Asked));
            kept = true;
            return result;
        }
        catch (RequestRejectedException e)
        {
            return Problems.From(e);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Result(413, "The file is too large", "The upload exceeds Offload:Import:MaxBytes.", "file");
        }
        catch (InvalidDataException e)
        {
            return Problems.Result(400, "The form could not be read", e.Message, "file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !ct.IsCancellationRequested)
        {
            // The data folder is full or read-only: say so plainly.
            logger.LogError(e, "Could not store an upload in the data folder");
            return IsDiskFull(e)
                ? Problems.Result(507, "The server has no room for this file", "Try again later or ask an operator to free disk space.", "file")
                : Problems.Result(500, "The server could not store this file", "Ask an operator to check the data folder.", "file");
        }
        finally
        {
            if (!kept && upload is not null) discard(upload);
        }
    }

    /// <summary>The longest value a form field other than the file may hold: every one of them is a word or a flag.</summary>
    private const int ShortFieldChars = 64;

    /// <summary>
    /// A non-file form field, trimmed, or null when it is longer than <see cref="ShortFieldChars"/>: reading
    /// a field whole would let one field of a 50 MB form take 50 MB of memory (and more as a string).
    /// </summary>
    private static async Task<string?> ReadShortFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new char[ShortFieldChars + 1];
        using var reader = new StreamReader(body);
        var read = await reader.ReadBlockAsync(buffer, ct);
        return read > ShortFieldChars ? null : new string(buffer, 0, read).Trim();
    }

    /// <summary>ENOSPC (28) / EDQUOT (122) on Linux, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    private static bool IsDiskFull(Exception e) => (e.HResult & 0xFFFF) is 28 or 122 or 0x70 or 0x27;

    internal static bool TryParseFlag(string value, out bool flag)
    {
        switch (value.ToLowerInvariant())
        {
            case "true" or "on" or "1" or "yes":
                flag = true;
                return true;
            case "false" or "off" or "0" or "no" or "":
                flag = false;
                return true;
            default:
                flag = false;
                return false;
        }
    }
}
