using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.MassActions.Undo;
using Offload.Web.Auth;
using Offload.Web.MassActions;

namespace Offload.Web.Jobs;

/// <summary>POST /api/jobs/{id}/undo: a new job that reverts exactly what a finished enroll, unenroll or activate/deactivate changed.</summary>
internal static class UndoEndpoint
{
    public static async Task<IResult> PostAsync(string id, HttpContext http, IJobMonitor monitor, JobUndo undo, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (await monitor.FindVisibleAsync(actor, id, ct) is not { } job) return TypedResults.NotFound();
        var outcome = await undo.StartAsync(job, actor, ct);
        return outcome.Result switch
        {
            UndoResult.Started => MassActionsApi.Accepted(http, outcome.Undo!),
            UndoResult.AlreadyUndone => AlreadyUndone(outcome.ExistingUndo!.Value),
            _ => NotUndoable(job),
        };
    }

    /// <summary>The 409 of a second undo; the detail names the undo job, so a script can follow it.</summary>
    public static IResult AlreadyUndone(Guid existing) =>
        Problems.Result(409, "This job was already undone", "Its undo is job {0}.", "id", existing.ToString());

    private static IResult NotUndoable(Job job) => job.Status.IsFinished()
        ? Problems.Result(409, "This job cannot be undone", "Only enroll, unenroll, activate/deactivate and import jobs can be undone.", "id")
        : Problems.Result(409, "This job has not finished", "A job can be undone once it has finished.", "id");
}
