using System.Globalization;
using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// One chunk of an undo as a reverter sees it: who asked (the undo's owner, whose rights are checked again), the item
/// positions, and the error rows. Items are numbered in the order the records hold them, from the undo's checkpoint on.
/// </summary>
public sealed class RevertChunk(Actor actor, IUserStore users, long firstPosition, List<ItemError> errors)
{
    /// <summary>The error of an item changed again since the original job (or since this undo began): left as it is.</summary>
    public const string ChangedSince = "Changed since the original job; left as it is.";

    public Actor Actor { get; } = actor;

    private long _next = firstPosition;

    /// <summary>
    /// Reverts one group: its users checked with the actor's rights (vanished, out of scope: error rows), then
    /// <paramref name="revert"/> on the others, which returns the users it reverted; the rest were changed since.
    /// </summary>
    /// <param name="refuse">Why this undo may not change a user the actor may otherwise change (their own account); null when it may.</param>
    public async Task RevertGroupAsync(ChangeGroup group, Func<IReadOnlyList<long>, Task<IReadOnlyList<long>>> revert, ChunkTransaction tx,
        CancellationToken ct, Func<UserRef, string?>? refuse = null)
    {
        var found = await users.ResolveAsync(new ResolveUsersRequest(group.UserIds, Actor.Branches()), tx, ct);
        var allowed = new List<long>(group.UserIds.Count);
        foreach (var id in group.UserIds)
            if (found.TryGetValue(id, out var user) && Actor.MaySee(user) && Actor.WhyNot(user) is null && refuse?.Invoke(user) is null)
                allowed.Add(id);
        var reverted = allowed.Count == 0 ? [] : (await revert(allowed)).ToHashSet();
        Report(group, found, reverted, refuse);
    }

    /// <summary>
    /// Like <see cref="RevertGroupAsync"/>, for a revert that only deletes or updates rows of existing users (a vanished
    /// user is simply not reverted). An actor who may change every user (a Superadmin) has nothing to check first, so the
    /// revert runs at once and only the users it did not revert are read, to tell the vanished from the changed since:
    /// one statement per group instead of two, most of an undo's time.
    /// </summary>
    public async Task RevertExistingAsync(ChangeGroup group, Func<IReadOnlyList<long>, Task<IReadOnlyList<long>>> revert, ChunkTransaction tx,
        CancellationToken ct)
    {
        if (!Actor.MayChangeEveryone())
        {
            await RevertGroupAsync(group, revert, tx, ct);
            return;
        }
        var reverted = (await revert(group.UserIds)).ToHashSet();
        var rest = group.UserIds.Where(id => !reverted.Contains(id)).ToList();
        var found = rest.Count == 0 ? new Dictionary<long, UserRef>() : await users.ResolveAsync(new ResolveUsersRequest(rest, null), tx, ct);
        Report(group, found, reverted, null);
    }

    /// <summary>An error row for each user of the group that was not reverted, in the group's order, with the reason.</summary>
    private void Report(ChangeGroup group, IReadOnlyDictionary<long, UserRef> found, HashSet<long> reverted, Func<UserRef, string?>? refuse)
    {
        foreach (var id in group.UserIds)
        {
            var position = _next++;
            if (reverted.Contains(id)) continue;
            if (!found.TryGetValue(id, out var user) || !Actor.MaySee(user))
                errors.Add(new ItemError(position, "userId", Actor.NotFound(), id.ToString(CultureInfo.InvariantCulture)));
            else
                errors.Add(new ItemError(position, "userId", Actor.WhyNot(user) ?? refuse?.Invoke(user) ?? ChangedSince, user.Username));
        }
    }
}
