namespace Offload.Platform.Identity;

/// <summary>API bearer tokens, kept only as SHA-256 hashes so a leaked database leaks no usable token.</summary>
public interface ITokenStore
{
    Task CreateAsync(CreateTokenRequest request, CancellationToken ct);

    /// <summary>The user a live (unexpired, unrevoked) token belongs to; null otherwise.</summary>
    Task<Users.User?> FindUserAsync(FindTokenRequest request, CancellationToken ct);

    /// <summary>True when a live token was revoked.</summary>
    Task<bool> RevokeAsync(RevokeTokenRequest request, CancellationToken ct);
}

public sealed record CreateTokenRequest(string TokenHash, long UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public sealed record FindTokenRequest(string TokenHash, DateTimeOffset Now);

public sealed record RevokeTokenRequest(string TokenHash, DateTimeOffset Now);
