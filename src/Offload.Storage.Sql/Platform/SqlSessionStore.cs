using Dapper;
using Offload.Platform.Identity;

namespace Offload.Storage.Sql.Platform;

/// <summary>Ended cookie sessions; each sign-out also drops those no copy of which can be valid any more.</summary>
public sealed class SqlSessionStore(SqlDatabase db) : ISessionStore
{
    public Task EndAsync(EndSessionRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM ended_sessions WHERE forget_at < @now", new { now = db.Dialect.Time(r.Now) }, tx);
            // A later forget_at wins; an earlier one leaves the row as it is.
            return await c.ExecuteAsync("""
                INSERT INTO ended_sessions (session_id, forget_at) VALUES (@id, @forget)
                ON CONFLICT (session_id) DO UPDATE SET forget_at = excluded.forget_at WHERE excluded.forget_at > ended_sessions.forget_at
                """, new { id = r.SessionId, forget = db.Dialect.Time(r.ForgetAt) }, tx);
        }, ct);

    public async Task<bool> IsEndedAsync(IsSessionEndedRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        return await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM ended_sessions WHERE session_id = @id)", new { id = r.SessionId });
    }
}
