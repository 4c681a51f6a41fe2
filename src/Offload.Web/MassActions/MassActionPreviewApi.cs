using Offload.Platform.MassActions;
using Offload.Web.PlatformApi;

namespace Offload.Web.MassActions;

/// <summary>
/// /api/mass-actions/{action}/preview (SPEC §9): the action's own body, the action's own checks, and 200 with what
/// its job would do — nothing started, nothing written. Mapped on the actions' group, so it has their authorization.
/// </summary>
internal static class MassActionPreviewApi
{
    public static RouteGroupBuilder MapMassActionPreviews(this RouteGroupBuilder actions)
    {
        actions.MapPost("/enroll/preview", (HttpContext http, UserActions act) =>
            JsonAction.AnswerAsync<EnrollInput>(http, async (i, actor, ct) => Ok(await act.PreviewEnrollAsync(i.Selection?.ToRequest(), i.CourseIds, actor, ct))));
        actions.MapPost("/unenroll/preview", (HttpContext http, UserActions act) =>
            JsonAction.AnswerAsync<EnrollInput>(http, async (i, actor, ct) => Ok(await act.PreviewUnenrollAsync(i.Selection?.ToRequest(), i.CourseIds, actor, ct))));
        actions.MapPost("/users-status/preview", (HttpContext http, UserActions act) =>
            JsonAction.AnswerAsync<StatusInput>(http, async (i, actor, ct) => Ok(await act.PreviewStatusAsync(i.Selection?.ToRequest(), i.Active, actor, ct))));
        actions.MapPost("/users-delete/preview", (HttpContext http, UserActions act) =>
            JsonAction.AnswerAsync<SelectionInput>(http, async (i, actor, ct) => Ok(await act.PreviewDeleteAsync(i.Selection?.ToRequest(), actor, ct))));
        actions.MapPost("/users-export/preview", (HttpContext http, UserActions act) =>
            JsonAction.AnswerAsync<ExportInput>(http, async (i, actor, ct) => Ok(await act.PreviewExportAsync(i.Selection?.ToRequest(), i.Columns, actor, ct))));
        return actions;
    }

    /// <summary>The preview as SPEC §9 names it: {total, inScope, outOfScope, noChange, estimatedSeconds}.</summary>
    private static IResult Ok(ActionPreview preview) => TypedResults.Ok(preview);
}
