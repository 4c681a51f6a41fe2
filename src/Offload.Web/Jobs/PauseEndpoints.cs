using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Notifications;
using Offload.Web.Auth;

namespace Offload.Web.Jobs;

/// <summary>POST /api/jobs/{id}/pause and /resume: 202 with the job, 409 when its status does not allow it, 404 when not the caller's to see.</summary>
internal static class PauseEndpoints
{
    public static RouteGroupBuilder MapPauseResume(this RouteGroupBuilder jobs)
    {
        jobs.MapPost("/{id}/pause", PauseAsync);
        jobs.MapPost("/{id}/resume", ResumeAsync);
        return jobs;
    }

    private static async Task<IResult> PauseAsync(string id, HttpContext http, IJobMonitor monitor, JobControl control,
        JobDescriptions descriptions, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (await monitor.FindVisibleAsync(actor, id, ct) is not { } job) return TypedResults.NotFound();
        var outcome = await control.PauseAsync(job.Id, actor.AsAuditUser(), ct);
        return outcome.Result switch
        {
            PauseResult.Paused or PauseResult.Pausing => TypedResults.Accepted($"/api/jobs/{job.Id}", JobDto.From(outcome.Job!, descriptions)),
            PauseResult.NotPausable => NotPausable(outcome.Job!),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<IResult> ResumeAsync(string id, HttpContext http, IJobMonitor monitor, JobControl control,
        JobDescriptions descriptions, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (await monitor.FindVisibleAsync(actor, id, ct) is not { } job) return TypedResults.NotFound();
        var outcome = await control.ResumeAsync(job.Id, actor.AsAuditUser(), ct);
        return outcome.Result switch
        {
            ResumeResult.Resumed => TypedResults.Accepted($"/api/jobs/{job.Id}", JobDto.From(outcome.Job!, descriptions)),
            ResumeResult.NotPaused => Problems.Result(409, "The job is not paused",
                "It is {0}; only a paused job can be resumed.", "id", outcome.Job!.Status.ToName()),
            _ => TypedResults.NotFound(),
        };
    }

    private static IResult NotPausable(Job job) => job.Status.IsFinished()
        ? Problems.Result(409, "The job has already finished", "It ended as {0}; there is nothing left to pause.", "id", job.Status.ToName())
        : Problems.Result(409, "The job is being aborted", "An abort was asked; it cannot be paused.", "id");
}
