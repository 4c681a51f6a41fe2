namespace Offload.Platform.Identity;

/// <summary>API bearer tokens, kept only as SHA-256 hashes so a leaked database leaks no usable token.</summary>
public interface ITokenStore
{
    Task CreateAsync(CreateTokenRequest request, CancellationToken ct);

    /// <summary>
    /// The user a live token belongs to: unexpired, unrevoked, its owner active and still under the
    /// security stamp the token was issued with. Null otherwise.
    /// </summary>
    Task<Users.User?> FindUserAsync(FindTokenRequest request, CancellationToken ct);

    /// <summary>True when a live token was revoked.</summary>
    Task<bool> RevokeAsync(RevokeTokenRequest request, CancellationToken ct);

    /// <summary>Revokes every live token of a user; how many were.</summary>
    Task<int> RevokeAllAsync(RevokeUserTokensRequest request, CancellationToken ct);
}

/// <param name="SecurityStamp">The owner's stamp when their password was checked; null takes the stamp they have now.</param>
public sealed record CreateTokenRequest(string TokenHash, long UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    string? SecurityStamp = null);

public sealed record FindTokenRequest(string TokenHash, DateTimeOffset Now);

public sealed record RevokeTokenRequest(string TokenHash, DateTimeOffset Now);

public sealed record RevokeUserTokensRequest(long UserId, DateTimeOffset Now);
