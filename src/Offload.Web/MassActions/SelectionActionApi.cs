using Offload.Platform.MassActions;

namespace Offload.Web.MassActions;

/// <summary>
/// A JSON mass action on a selection: POST {path} starts its job (202 with it), POST {path}/preview (SPEC §9) answers
/// 200 with what the job would do — nothing started, nothing written. Both read the action's own body and run its
/// own checks; a refusal is a 400 naming the field.
/// </summary>
internal static class SelectionActionApi
{
    public static RouteGroupBuilder MapSelectionAction<TBody, TInput>(this RouteGroupBuilder actions, string path)
        where TBody : class, ISelectionBody<TInput>
    {
        actions.MapPost(path, (HttpContext http, ISelectionAction<TInput> action) =>
            JsonAction.AnswerAsync<TBody>(http, async (body, actor, ct) =>
                MassActionsApi.Accepted(http, await action.StartAsync(body.ToInput(), actor, StopOnErrorsDto.Resolve(body.StopOnErrors, null), ct))));
        // The preview as SPEC §9 names it: {total, inScope, outOfScope, noChange, estimatedSeconds}.
        actions.MapPost(path + "/preview", (HttpContext http, ISelectionAction<TInput> action) =>
            JsonAction.AnswerAsync<TBody>(http, async (body, actor, ct) =>
                TypedResults.Ok(await action.PreviewAsync(body.ToInput(), actor, ct))));
        return actions;
    }
}
