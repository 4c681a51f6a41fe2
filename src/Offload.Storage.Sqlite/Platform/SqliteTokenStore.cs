using Dapper;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Storage.Sqlite.Platform;

/// <summary>Hashed API tokens on SQLite.</summary>
public sealed class SqliteTokenStore(SqliteDatabase db) : ITokenStore
{
    public Task CreateAsync(CreateTokenRequest r, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at, security_stamp)
            VALUES (@hash, @user, @created, @expires, COALESCE(@stamp, (SELECT security_stamp FROM users WHERE id = @user)))
            """,
            new
            {
                hash = r.TokenHash, user = r.UserId, created = r.CreatedAt.ToUnixTimeMilliseconds(), expires = r.ExpiresAt.ToUnixTimeMilliseconds(),
                stamp = r.SecurityStamp,
            }, tx), ct);

    public async Task<User?> FindUserAsync(FindTokenRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<User>("""
            SELECT u.id AS Id, u.username AS Username, u.email AS Email, u.first_name AS FirstName, u.last_name AS LastName,
                   u.language AS Language, u.active AS Active, u.role AS Role, u.security_stamp AS SecurityStamp
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND t.expires_at > @now AND u.active = 1
              AND t.security_stamp = u.security_stamp
            """, new { hash = r.TokenHash, now = r.Now.ToUnixTimeMilliseconds() });
    }

    public async Task<bool> RevokeAsync(RevokeTokenRequest r, CancellationToken ct) =>
        await db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = @now WHERE token_hash = @hash AND revoked_at IS NULL",
            new { hash = r.TokenHash, now = r.Now.ToUnixTimeMilliseconds() }, tx), ct) == 1;

    public Task<int> RevokeAllAsync(RevokeUserTokensRequest r, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = @now WHERE user_id = @user AND revoked_at IS NULL",
            new { user = r.UserId, now = r.Now.ToUnixTimeMilliseconds() }, tx), ct);
}
