using Offload.Jobs.Storage;
using Offload.Platform;
using Offload.Platform.MassActions;
using Offload.Web.Auth;
using Offload.Web.MassActions;

namespace Offload.Web.Jobs;

/// <summary>POST /api/jobs/{id}/retry (SPEC §10): a new job over exactly the failed items, 202 with it.</summary>
internal static class RetryEndpoint
{
    public static RouteGroupBuilder MapRetry(this RouteGroupBuilder jobs)
    {
        jobs.MapPost("/{id}/retry", PostAsync);
        return jobs;
    }

    private static async Task<IResult> PostAsync(string id, HttpContext http, IJobMonitor monitor, JobRetries retries, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (await monitor.FindVisibleAsync(actor, id, ct) is not { } job) return TypedResults.NotFound();
        try
        {
            return MassActionsApi.Accepted(http, await retries.RetryAsync(job, actor, ct));
        }
        catch (RequestRejectedException e)
        {
            return Problems.From(e);
        }
    }
}
