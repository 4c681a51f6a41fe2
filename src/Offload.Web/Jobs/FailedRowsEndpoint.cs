using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform;
using Offload.Platform.MassActions;
using Offload.Web.Auth;

namespace Offload.Web.Jobs;

/// <summary>GET /api/jobs/{id}/failed.csv (SPEC §10): the failed rows of a finished job, to fix and upload back, streamed.</summary>
internal static class FailedRowsEndpoint
{
    public static RouteGroupBuilder MapFailedRows(this RouteGroupBuilder jobs)
    {
        jobs.MapGet("/{id}/failed.csv", GetAsync);
        return jobs;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IJobMonitor monitor, JobRetries retries, CancellationToken ct)
    {
        if (await monitor.FindVisibleAsync(http.User.ToActor(), id, ct) is not { } job) return TypedResults.NotFound();
        if (!job.Status.IsFinished())
            return Problems.Result(409, "The job has not finished", "Its failed rows can be downloaded once it has finished.", "id");
        try
        {
            var write = retries.FailedRowsFile(job);
            return new StreamedCsv($"failed-{job.Id:N}.csv", (body, token) => write(body, token));
        }
        catch (RequestRejectedException e)
        {
            return Problems.From(e);
        }
    }
}
