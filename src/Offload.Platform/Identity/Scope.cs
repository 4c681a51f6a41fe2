using Offload.Platform.Users;

namespace Offload.Platform.Identity;

/// <summary>
/// What an actor may change (SPEC §1): a Superadmin anything; a Power User only plain users of the
/// branches assigned to them. Anything else becomes an error row, never a silent change.
/// </summary>
public static class Scope
{
    /// <summary>
    /// Whether <paramref name="actor"/> may see <paramref name="user"/> at all: a Power User sees the accounts
    /// sharing one of their branches, as GET /api/users/{id} does. Anything else must look to them exactly
    /// like an id that does not exist, in every answer and error row.
    /// </summary>
    /// <remarks><paramref name="user"/> was resolved with <see cref="Branches"/> of the same actor, so its InScope says whether it shares a branch.</remarks>
    public static bool MaySee(this Actor actor, UserRef user) => actor.IsSuperadmin || user.InScope;

    /// <summary>
    /// Null when <paramref name="actor"/> may act on <paramref name="user"/>, a user they may see; else why not. Error
    /// messages are fixed sentences (the username goes in the error's value), so one reason is one group.
    /// </summary>
    public static string? WhyNot(this Actor actor, UserRef user) =>
        actor.OnlyRole() is not { } only || user.Role == only ? null
            : "This user is an administrator; only a Superadmin may change this account.";

    /// <summary>Whether <paramref name="actor"/> may change every user there is (a Superadmin): nothing to check per user but that it exists.</summary>
    public static bool MayChangeEveryone(this Actor actor) => actor.IsSuperadmin; // as MaySee and WhyNot say

    /// <summary>The one role of the accounts <paramref name="actor"/> may change, or null for every role (Superadmin).</summary>
    public static string? OnlyRole(this Actor actor) => actor.IsSuperadmin ? null : Roles.User;

    /// <summary>
    /// The error for a selected id that does not exist or that <paramref name="actor"/> may not see: the same words for
    /// both, and for every id (the id goes in the error's value), so one reason is one group.
    /// </summary>
    public static string NotFound(this Actor actor) =>
        actor.IsSuperadmin ? "This user no longer exists." : "This user was not found or is outside your branches.";

    /// <summary>The branches a list or filter is limited to: null (everything) for a Superadmin.</summary>
    public static IReadOnlyList<long>? Branches(this Actor actor) => actor.IsSuperadmin ? null : actor.BranchIds;
}
