using Offload.Platform.Users;

namespace Offload.Platform.Identity;

/// <summary>
/// What an actor may change (SPEC §1): a Superadmin anything; a Power User only plain users of the
/// branches assigned to them. Anything else becomes an error row, never a silent change.
/// </summary>
public static class Scope
{
    /// <summary>Null when <paramref name="actor"/> may act on <paramref name="user"/>, else why not.</summary>
    /// <remarks><paramref name="user"/> was resolved with <see cref="Branches"/> of the same actor, so its InScope says whether it shares a branch.</remarks>
    public static string? WhyNot(this Actor actor, UserRef user)
    {
        if (actor.IsSuperadmin) return null;
        if (user.Role != Roles.User) return $"{user.Username} is an administrator; only a Superadmin may change this account.";
        return user.InScope ? null : $"{user.Username} is outside your branches.";
    }

    /// <summary>The branches a list or filter is limited to: null (everything) for a Superadmin.</summary>
    public static IReadOnlyList<long>? Branches(this Actor actor) => actor.IsSuperadmin ? null : actor.BranchIds;
}
