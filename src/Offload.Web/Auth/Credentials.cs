using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Auth;

/// <summary>How a username and password checked out.</summary>
internal enum CredentialCheck
{
    Accepted,
    /// <summary>Unknown user, wrong password or inactive account: one answer, no hint which usernames exist.</summary>
    Wrong,
    /// <summary>The account's wrong passwords for this minute are spent; the password was not even looked at.</summary>
    Blocked,
}

/// <summary>
/// The one password check behind the login form and POST /api/auth/tokens, so both count wrong passwords
/// against the same per-account limit (<see cref="AccountAttempts"/>) and answer alike.
/// </summary>
internal sealed class Credentials(IUserStore users, IPasswordHasher hasher, AccountAttempts attempts)
{
    public async Task<(CredentialCheck Result, User? User)> CheckAsync(string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)) return (CredentialCheck.Wrong, null);
        if (attempts.IsBlocked(username)) return (CredentialCheck.Blocked, null);
        var user = await users.FindByUsernameAsync(new FindUserRequest(username.Trim()), ct);
        if (user is { Active: true, PasswordHash: { } hash } && hasher.Verify(hash, password)) return (CredentialCheck.Accepted, user);
        attempts.CountFailure(username);
        return (CredentialCheck.Wrong, null);
    }
}
