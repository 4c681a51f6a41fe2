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
        var allowed = new List<(long Position, UserRef User)>(group.UserIds.Count);
        foreach (var id in group.UserIds)
        {
            var position = _next++;
            var shown = id.ToString(CultureInfo.InvariantCulture);
            if (!found.TryGetValue(id, out var user) || !Actor.MaySee(user))
                errors.Add(new ItemError(position, "userId", Actor.NotFound(shown), shown));
            else if ((Actor.WhyNot(user) ?? refuse?.Invoke(user)) is { } why)
                errors.Add(new ItemError(position, "userId", why, user.Username));
            else
                allowed.Add((position, user));
        }
        if (allowed.Count == 0) return;
        var reverted = (await revert([.. allowed.Select(a => a.User.Id)])).ToHashSet();
        foreach (var (position, user) in allowed)
            if (!reverted.Contains(user.Id)) errors.Add(new ItemError(position, "userId", ChangedSince, user.Username));
    }
}
