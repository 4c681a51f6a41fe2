using Offload.Jobs;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Status;

/// <summary>users.status: activate or deactivate; nobody can lock themselves out this way.</summary>
public sealed class UsersStatusHandler(IUserStore users, JobFiles files) : UserBatchHandler<UsersStatusJobInput>(users, files)
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
        if (ids.Count > 0) await Users.SetActiveAsync(new SetActiveRequest(ids, chunk.Input.Active), tx, ct);
        return null;
    }
}
