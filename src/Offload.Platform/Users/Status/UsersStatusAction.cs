using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Status;

/// <summary>Activate or deactivate a selection of users: the choice checked, then a preview or a job on the frozen selection.</summary>
public sealed class UsersStatusAction(SelectionJobs selections) : ISelectionAction<UsersStatusInput>
{
    public Task<Job> StartAsync(UsersStatusInput input, Actor actor, StopOnErrors? stopOnErrors, CancellationToken ct)
    {
        var frozen = Freeze(input, actor);
        return selections.StartAsync(UsersStatusHandler.KindName,
            n => $"{(frozen.Active ? "Activate" : "Deactivate")} {SelectionJobs.Count(n, "user")}", input.Selection, frozen, stopOnErrors, ct);
    }

    /// <summary>No change for those already active (or inactive).</summary>
    public async Task<ActionPreview> PreviewAsync(UsersStatusInput input, Actor actor, CancellationToken ct)
    {
        var frozen = Freeze(input, actor);
        var (total, c) = await selections.CountAsync(input.Selection, actor, frozen.RefusedUserId, [], ct);
        return selections.Preview(UsersStatusHandler.KindName, SelectionJobs.TypicalRate, total, c, noChange: frozen.Active ? c.Active : c.ActedOn - c.Active);
    }

    private static UsersStatusJobInput Freeze(UsersStatusInput input, Actor actor) =>
        new(actor, input.Active ?? throw new RequestRejectedException("Say whether to activate or deactivate", "Send \"active\": true or false.", "active"));
}
