using Microsoft.AspNetCore.Mvc;
using Offload.Jobs.Storage;
using Offload.Platform;
using Offload.Platform.Notifications;
using Offload.Platform.Users;
using Offload.Web.Auth;

namespace Offload.Web.Jobs;

/// <summary>GET /api/jobs: the caller's jobs (a Superadmin's: everyone's) newest first, keyset-paged, filtered (SPEC §7, §10).</summary>
internal static class JobListEndpoint
{
    /// <summary>The query string of the list: every filter optional.</summary>
    internal sealed record Query(string? Scope, string? Status, string? Kind, string? Owner, string? From, string? To, string? Q, int? Limit, string? Cursor);

    public static async Task<IResult> GetAsync([AsParameters] Query query, HttpContext http, IJobMonitor monitor, IUserStore users, JobKinds kinds,
        JobDescriptions descriptions, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (query.Scope is not (null or "mine" or "all"))
            return Problems.Result(400, "Unknown scope", "scope must be 'mine' or 'all'.", "scope");
        JobFilter filter;
        try
        {
            filter = JobFilter.Parse(query.Kind, query.Status, query.Owner, query.From, query.To, query.Q, kinds);
        }
        catch (RequestRejectedException e)
        {
            return Problems.From(e);
        }
        if (query.Limit is < 1 or > JobsApi.MaxLimit)
            return Problems.Result(400, "Limit out of range", "limit must be between 1 and {0}.", "limit", JobsApi.MaxLimit);
        Guid? before = null;
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!Guid.TryParse(query.Cursor, out var parsed))
                return Problems.Result(400, "Invalid cursor", "Pass back the nextCursor of the previous page unchanged.", "cursor");
            before = parsed;
        }
        // Power Users only ever see their own jobs, whatever scope or owner they ask for (SPEC §1).
        var request = await filter.ToRequestAsync(actor, query.Scope != "mine", query.Limit ?? JobsApi.DefaultLimit, before, users, ct);
        if (request is null) return TypedResults.Ok(new JobListDto([], null));
        var page = await monitor.ListAsync(request, ct);
        return TypedResults.Ok(new JobListDto([.. page.Items.Select(j => JobDto.From(j, descriptions))], page.Next?.ToString()));
    }
}
