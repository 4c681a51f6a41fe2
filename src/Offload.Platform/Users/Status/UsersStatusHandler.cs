using Offload.Jobs;
using Offload.Platform.MassActions;
using Offload.Platform.MassActions.Undo;

namespace Offload.Platform.Users.Status;

/// <summary>
/// users.status: activate or deactivate; nobody can lock themselves out this way. Each chunk records the users whose
/// status it changed (not those already so), so an undo sets back exactly those.
/// </summary>
public sealed class UsersStatusHandler(IUserStore users, JobFiles files, ChangeRecorder recorder) : UserBatchHandler<UsersStatusJobInput>(users, files)
{
    public const string KindName = "users.status";

    public override string Kind => KindName;

    protected override async Task<string?> ApplyAsync(BatchChunk<UsersStatusJobInput> chunk, ChunkTransaction tx, CancellationToken ct)
    {
        var ids = new List<long>();
        foreach (var (position, user) in chunk.Users)
        {
            if (user.Id == chunk.Input.RefusedUserId)
                chunk.Errors.Add(new ItemError(position, "userId", "You cannot deactivate your own account.", user.Username));
            else
                ids.Add(user.Id);
        }
        if (ids.Count == 0) return null;
        var active = chunk.Input.Active;
        var flipped = await Users.SetActiveAsync(new SetActiveRequest(ids, active), tx, ct);
        await recorder.RecordAsync(chunk.Job, chunk.From, active ? ChangeKinds.UserActivated : ChangeKinds.UserDeactivated,
            [new ChangeGroup(active ? 1 : 0, 0, [.. flipped.Order()])], tx, ct);
        return null;
    }
}
