using Dapper;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Storage.Sql.Platform;

/// <summary>Hashed API tokens; a token works while it is unrevoked, unexpired, its user active and their stamp the one it was issued with.</summary>
public sealed class SqlTokenStore(SqlDatabase db) : ITokenStore
{
    private readonly string _create = $"""
        INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at, security_stamp)
        VALUES (@hash, @user, @created, @expires, COALESCE({db.Dialect.TextOrNull("@stamp")}, (SELECT security_stamp FROM users WHERE id = @user)))
        """;

    public Task CreateAsync(CreateTokenRequest r, CancellationToken ct) =>
        db.InWriteAsync((c, tx) => c.ExecuteAsync(_create, new
        {
            hash = r.TokenHash, user = r.UserId, created = db.Dialect.Time(r.CreatedAt), expires = db.Dialect.Time(r.ExpiresAt), stamp = r.SecurityStamp,
        }, tx), ct);

    public async Task<User?> FindUserAsync(FindTokenRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        return await c.QuerySingleOrDefaultAsync<User>("""
            SELECT u.id AS Id, u.username AS Username, u.email AS Email, u.first_name AS FirstName, u.last_name AS LastName,
                   u.language AS Language, u.active AS Active, u.role AS Role, u.security_stamp AS SecurityStamp
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND t.expires_at > @now AND u.active
              AND t.security_stamp = u.security_stamp
            """, new { hash = r.TokenHash, now = db.Dialect.Time(r.Now) });
    }

    public async Task<bool> RevokeAsync(RevokeTokenRequest r, CancellationToken ct) =>
        await db.InWriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = @now WHERE token_hash = @hash AND revoked_at IS NULL",
            new { hash = r.TokenHash, now = db.Dialect.Time(r.Now) }, tx), ct) == 1;

    public Task<int> RevokeAllAsync(RevokeUserTokensRequest r, CancellationToken ct) =>
        db.InWriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = @now WHERE user_id = @user AND revoked_at IS NULL",
            new { user = r.UserId, now = db.Dialect.Time(r.Now) }, tx), ct);
}
