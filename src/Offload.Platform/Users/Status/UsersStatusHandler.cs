using Offload.Jobs;
using Offload.Platform.Enrollments;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Status;

/// <summary>users.status: activate or deactivate; nobody can lock themselves out this way.</summary>
public sealed class UsersStatusHandler(IUserStore users, JobFiles files) : UserBatchHandler(users, files)
{
    public const string KindName = "users.status";

    /// <summary>Users per second when this node has not run one yet (not benchmarked: taken as enrolling's, so the figures cannot drift apart).</summary>
    public const double TypicalRate = EnrollHandler.TypicalRate;

    public override string Kind => KindName;

    /// <summary>The user this action refuses whatever their role: the actor, when deactivating (nobody locks themselves out).</summary>
    public static long? RefusedUserId(UserActionInput input) => input.Active == false ? input.Actor.Id : null;

    protected override async Task<string?> ApplyAsync(BatchChunk chunk, ChunkTransaction tx, CancellationToken ct)
    {
        var active = chunk.Input.Active ?? throw new InvalidDataException("users.status needs 'active'.");
        var ids = new List<long>();
        foreach (var (position, user) in chunk.Users)
        {
            if (user.Id == RefusedUserId(chunk.Input))
                chunk.Errors.Add(new ItemError(position, "userId", "You cannot deactivate your own account.", user.Username));
            else
                ids.Add(user.Id);
        }
        if (ids.Count > 0) await Users.SetActiveAsync(new SetActiveRequest(ids, active), tx, ct);
        return null;
    }
}
