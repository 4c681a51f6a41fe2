using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Offload.Jobs;
using Offload.Platform;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;
using Offload.Platform.Notifications;
using Offload.Platform.Users.Import;
using Offload.Web.Auth;
using Offload.Web.Jobs;
using Offload.Web.PlatformApi;

namespace Offload.Web.MassActions;

/// <summary>/api/mass-actions: each POST creates one background job and answers 202 with it.</summary>
internal static class MassActionsApi
{
    public static IEndpointRouteBuilder MapMassActionsApi(this IEndpointRouteBuilder app)
    {
        var actions = app.MapGroup("/api/mass-actions").RequireAuthorization(AuthSetup.JobsPolicy);
        actions.MapPost("/users-import", ImportUsersAsync).DisableAntiforgery();
        actions.MapPost("/enroll", (HttpContext http, UserActions act) =>
            StartAsync<EnrollInput>(http, (i, actor, ct) => act.EnrollAsync(i.Selection?.ToRequest(), i.CourseIds, actor, ct)));
        actions.MapPost("/unenroll", (HttpContext http, UserActions act) =>
            StartAsync<EnrollInput>(http, (i, actor, ct) => act.UnenrollAsync(i.Selection?.ToRequest(), i.CourseIds, actor, ct)));
        actions.MapPost("/users-status", (HttpContext http, UserActions act) =>
            StartAsync<StatusInput>(http, (i, actor, ct) => act.SetStatusAsync(i.Selection?.ToRequest(), i.Active, actor, ct)));
        actions.MapPost("/users-delete", (HttpContext http, UserActions act) =>
            StartAsync<SelectionInput>(http, (i, actor, ct) => act.DeleteAsync(i.Selection?.ToRequest(), actor, ct)));
        actions.MapPost("/users-export", (HttpContext http, UserActions act) =>
            StartAsync<ExportInput>(http, (i, actor, ct) => act.ExportAsync(i.Selection?.ToRequest(), i.Columns, actor, ct)));
        actions.MapMassActionPreviews();
        return app;
    }

    /// <summary>The shape every JSON mass action shares: read the body, start the job, 202 with it — or a 400 naming the field.</summary>
    private static Task<IResult> StartAsync<TInput>(HttpContext http, Func<TInput, Actor, CancellationToken, Task<Job>> start)
        where TInput : class =>
        JsonAction.AnswerAsync<TInput>(http, async (input, actor, ct) => Accepted(http, await start(input, actor, ct)));

    private static IResult Accepted(HttpContext http, Job job) => TypedResults.Accepted($"/api/jobs/{job.Id}",
        new JobCreatedDto(JobDto.From(job, http.RequestServices.GetRequiredService<JobDescriptions>())));

    /// <summary>
    /// Reads the multipart body as a stream (never buffered whole): the file goes straight into the
    /// job's folder, bounded by Offload:Import:MaxBytes.
    /// </summary>
    private static async Task<IResult> ImportUsersAsync(HttpContext http, UsersImportAction import,
        IOptions<ImportOptions> limits, ILogger<UsersImportAction> logger, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return Problems.Result(400, "Send the file as multipart/form-data",
                "Post a form with a 'file' field holding the CSV and an optional 'updateExisting' field.", "file");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limits.Value.MaxBytes + 1024 * 1024; // room for the form's own framing

        ImportUpload? upload = null;
        Job? job = null;
        var updateExisting = false;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "file" && disposition.IsFileDisposition() && upload is null)
                {
                    upload = await import.ReceiveAsync(section.Body, HeaderUtilities.RemoveQuotes(disposition.FileName).Value, ct);
                }
                else if (name == "updateExisting")
                {
                    if (await ReadShortFieldAsync(section.Body, ct) is not { } value || !TryParseFlag(value, out updateExisting))
                        return Problems.Result(400, "updateExisting must be true or false",
                            "Send true or false (1/0, yes/no and on/off also work).", "updateExisting");
                }
            }
            if (upload is null)
                return Problems.Result(400, "No file was sent", "Attach the CSV in a form field named 'file'.", "file");
            job = await import.StartAsync(upload, updateExisting, http.User.ToActor(), ct);
            return Accepted(http, job);
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
            // Whatever ended the request before its job existed — a refusal, a fault, the client leaving — the upload goes.
            if (job is null && upload is not null) import.Discard(upload);
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

    private static bool TryParseFlag(string value, out bool flag)
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
