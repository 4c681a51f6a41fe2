using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Delete;

/// <summary>Delete a selection of users: a preview, or a job on the frozen selection.</summary>
public sealed class UsersDeleteAction(SelectionJobs selections, IUserStore users) : ISelectionAction<UsersDeleteInput>
{
    public Task<Job> StartAsync(UsersDeleteInput input, Actor actor, StopOnErrors? stopOnErrors, CancellationToken ct) =>
        selections.StartAsync(UsersDeleteHandler.KindName, n => $"Delete {SelectionJobs.Count(n, "user")}", input.Selection,
            new UsersDeleteJobInput(actor), stopOnErrors, ct);

    /// <summary>Refused beyond the rules: the Superadmins the job would find to be the last one standing.</summary>
    public async Task<ActionPreview> PreviewAsync(UsersDeleteInput input, Actor actor, CancellationToken ct)
    {
        var (total, c) = await selections.CountAsync(input.Selection, actor, new UsersDeleteJobInput(actor).RefusedUserId, [], ct);
        var superadmins = c.Superadmins == 0 ? 0 : await users.CountAsync(new CountUsersRequest(Roles.Superadmin), ct);
        return selections.Preview(UsersDeleteHandler.KindName, SelectionJobs.TypicalRate, total, c, noChange: 0,
            refusedMore: UsersDeleteHandler.LastSuperadminRefusals(c.Superadmins, superadmins));
    }
}
