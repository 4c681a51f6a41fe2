using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Users;
using Offload.Platform.Users.Status;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// Undoes an activation or a deactivation: sets back each user whose status the job changed, if it is still what the job
/// set. Nobody deactivates their own account this way either.
/// </summary>
public sealed class UsersStatusReverter(IUserStore users) : IChangeReverter
{
    public string Kind => UsersStatusHandler.KindName;

    public IReadOnlyList<RevertLine> Plan(IReadOnlyDictionary<string, long> counts) =>
    [
        .. counts.TryGetValue(ChangeKinds.UserActivated, out var activated) ? [new RevertLine("Deactivate {0} users this job activated", activated)] : Array.Empty<RevertLine>(),
        .. counts.TryGetValue(ChangeKinds.UserDeactivated, out var deactivated) ? [new RevertLine("Reactivate {0} users this job deactivated", deactivated)] : Array.Empty<RevertLine>(),
    ];

    public async Task RevertAsync(RevertChunk chunk, ChangeRecord record, ChunkTransaction tx, CancellationToken ct)
    {
        foreach (var group in ChangePayload.Decode(record.Payload))
        {
            var back = group.Key == 0; // the job deactivated them: set them active again
            await chunk.RevertGroupAsync(group, ids => users.SetActiveAsync(new SetActiveRequest(ids, back), tx, ct), tx, ct,
                user => !back && user.Id == chunk.Actor.Id ? "You cannot deactivate your own account." : null);
        }
    }
}
