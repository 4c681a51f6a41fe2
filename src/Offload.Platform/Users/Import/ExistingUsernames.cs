namespace Offload.Platform.Users.Import;

/// <summary>
/// Which usernames of an upload already name an account, matched exactly as the unique index matches
/// (case-insensitive): what an import preview needs to tell creates from updates without writing anything.
/// </summary>
public interface IExistingUsernames
{
    /// <summary>The accounts that exist among the request's usernames, each under the username as asked; set-based, one statement.</summary>
    Task<IReadOnlyList<ExistingAccount>> FindAsync(ExistingUsernamesRequest request, CancellationToken ct);
}

/// <param name="Usernames">Distinct usernames to look up (a batch of an upload's rows).</param>
/// <param name="ScopeBranchIds">The actor's branches, for <see cref="ExistingAccount.InScope"/>; null (Superadmin) for all in scope.</param>
public sealed record ExistingUsernamesRequest(IReadOnlyList<string> Usernames, IReadOnlyList<long>? ScopeBranchIds);

/// <summary>An account an upload's username names.</summary>
/// <param name="Username">The username as the request spelled it (not as stored), so the caller maps it back exactly.</param>
/// <param name="InScope">Whether the account is in one of the scope's branches (always true without a scope).</param>
public sealed record ExistingAccount(string Username, string Role, bool InScope);
