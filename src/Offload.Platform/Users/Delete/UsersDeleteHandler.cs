using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Delete;

/// <summary>users.delete: delete users and their enrollments — never the acting user, never the last Superadmin.</summary>
public sealed class UsersDeleteHandler(IUserStore users, JobFiles files) : UserBatchHandler<UsersDeleteJobInput>(users, files)
{
    public const string KindName = "users.delete";

    public override string Kind => KindName;

    /// <summary>
    /// How many of <paramref name="selected"/> Superadmins a job refuses when <paramref name="existing"/> exist:
    /// it deletes them in turn while another one remains, so all but the last one standing go.
    /// </summary>
    public static long LastSuperadminRefusals(long selected, long existing) => Math.Max(0, selected - Math.Max(0, existing - 1));

    protected override async Task<string?> ApplyAsync(BatchChunk<UsersDeleteJobInput> chunk, ChunkTransaction tx, CancellationToken ct)
    {
        // Counted in the chunk's transaction, so two jobs cannot each delete "one of two" Superadmins.
        var superadminsLeft = await Users.CountInChunkAsync(new CountUsersRequest(Roles.Superadmin), tx, ct);
        var ids = new List<long>();
        foreach (var (position, user) in chunk.Users)
        {
            if (user.Id == chunk.Input.RefusedUserId)
            {
                chunk.Errors.Add(new ItemError(position, "userId", "You cannot delete your own account.", user.Username));
                continue;
            }
            if (user.Role == Roles.Superadmin)
            {
                if (superadminsLeft <= 1)
                {
                    chunk.Errors.Add(new ItemError(position, "userId", "The last Superadmin cannot be deleted.", user.Username));
                    continue;
                }
                superadminsLeft--;
            }
            ids.Add(user.Id);
        }
        if (ids.Count > 0) await Users.DeleteManyAsync(new DeleteUsersRequest(ids), tx, ct);
        return null;
    }
}
