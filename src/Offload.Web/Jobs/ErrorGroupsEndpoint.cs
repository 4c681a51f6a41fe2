using Microsoft.Extensions.Localization;
using Offload.Jobs.Storage;
using Offload.Platform.Localization;
using Offload.Web.Auth;

namespace Offload.Web.Jobs;

/// <summary>
/// GET /api/jobs/{id}/error-groups: a job's errors by reason (field + message), the largest first, with what the
/// smaller groups add up to (otherGroups, otherCount) — read from the counts its chunks kept, never from its error rows.
/// </summary>
internal static class ErrorGroupsEndpoint
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static async Task<IResult> GetAsync(string id, HttpContext http, IJobMonitor monitor, IJobErrorGroups groups,
        IStringLocalizer<SharedResource> t, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit)
            return Problems.Result(400, "Limit out of range", "limit must be between 1 and {0}.", "limit", MaxLimit);
        if (await monitor.FindVisibleAsync(http.User.ToActor(), id, ct) is not { } job) return TypedResults.NotFound();
        var summary = await groups.ReadAsync(new ReadErrorGroupsRequest(job.Id, limit ?? DefaultLimit), ct);
        return TypedResults.Ok(Translated(summary, t));
    }

    /// <summary>
    /// The groups with their messages in the reader's language: jobs store each item error's fixed English sentence, a
    /// key of the French resources; a sentence the resources lack is shown as it is.
    /// </summary>
    public static ErrorGroupSummary Translated(ErrorGroupSummary summary, IStringLocalizer<SharedResource> t) =>
        summary with { Items = [.. summary.Items.Select(g => g with { Message = t[g.Message].Value })] };
}
