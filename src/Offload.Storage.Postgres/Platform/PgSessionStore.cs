using Dapper;
using Offload.Platform.Identity;

namespace Offload.Storage.Postgres.Platform;

/// <summary>Ended cookie sessions on PostgreSQL; each sign-out also drops those no copy of which can be valid any more.</summary>
public sealed class PgSessionStore(PostgresDatabase db) : ISessionStore
{
    public Task EndAsync(EndSessionRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM ended_sessions WHERE forget_at < @now", new { now = r.Now.ToUniversalTime() }, tx);
            return await c.ExecuteAsync("""
                INSERT INTO ended_sessions (session_id, forget_at) VALUES (@id, @forget)
                ON CONFLICT (session_id) DO UPDATE SET forget_at = greatest(ended_sessions.forget_at, excluded.forget_at)
                """, new { id = r.SessionId, forget = r.ForgetAt.ToUniversalTime() }, tx);
        }, ct);

    public async Task<bool> IsEndedAsync(IsSessionEndedRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM ended_sessions WHERE session_id = @id)", new { id = r.SessionId });
    }
}
