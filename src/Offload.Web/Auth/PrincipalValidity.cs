using System.Globalization;
using System.Security.Claims;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Auth;

/// <summary>
/// Whether a signed-in principal still speaks for its account, and the account as it is now. A cookie is
/// valid while its session was not signed out and its user's security stamp is the one it was issued under;
/// a token while it is unexpired, unrevoked and its stamp likewise matches. The stamp changes with the
/// password, the role or the active flag, so none of those changes leaves an old session or token working.
/// The cookie and Bearer schemes check every request through it; anything that holds a principal longer
/// (a live stream) can ask again.
/// </summary>
internal sealed class PrincipalValidity(IUserStore users, ITokenStore tokens, ISessionStore sessions, TimeProvider clock)
{
    /// <summary>The account behind <paramref name="principal"/>, read afresh (role, branches); null when it no longer speaks for it.</summary>
    public async Task<User?> CurrentUserAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.FindFirstValue(UserClaims.Token) is { } tokenHash) return await ForTokenAsync(tokenHash, ct);
        if (principal.FindFirstValue(UserClaims.Session) is not { } session
            || principal.FindFirstValue(UserClaims.Stamp) is not { } stamp
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return null;
        var user = await users.GetAsync(new GetUserRequest(id), ct);
        if (user is not { Active: true } || user.SecurityStamp != stamp) return null;
        return await sessions.IsEndedAsync(new IsSessionEndedRequest(session), ct) ? null : user;
    }

    /// <summary>The account a bearer token (by its hash) stands for; null when the token is unknown, expired, revoked or outdated.</summary>
    public async Task<User?> ForTokenAsync(string tokenHash, CancellationToken ct)
    {
        var owner = await tokens.FindUserAsync(new FindTokenRequest(tokenHash, clock.GetUtcNow()), ct);
        if (owner is null) return null;
        var user = await users.GetAsync(new GetUserRequest(owner.Id), ct);
        // Compared again: the account may have changed between the two reads.
        return user is { Active: true } && user.SecurityStamp == owner.SecurityStamp ? user : null;
    }
}
