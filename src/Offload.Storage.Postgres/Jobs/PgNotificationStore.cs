using Dapper;
using Offload.Jobs.Storage;

namespace Offload.Storage.Postgres.Jobs;

public sealed class PgNotificationStore(PostgresDatabase db) : INotificationStore
{
    public async Task<NotificationPage> ListAsync(ListNotificationsRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var unread = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = @UserId AND read_at IS NULL", r);
        var rows = await c.QueryAsync<(long Id, Guid JobId, string Title, DateTime CreatedAt, DateTime? ReadAt)>("""
            SELECT id, job_id, title, created_at, read_at FROM notifications WHERE user_id = @UserId ORDER BY id DESC LIMIT @Limit
            """, r);
        return new NotificationPage(unread, rows.Select(n => new Notification(n.Id, n.JobId, n.Title,
            new DateTimeOffset(DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc)), n.ReadAt is not null)).ToList());
    }

    public async Task<bool> MarkReadAsync(MarkReadRequest r, CancellationToken ct) =>
        await db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE notifications SET read_at = COALESCE(read_at, @now) WHERE id = @Id AND user_id = @UserId",
            new { r.Id, r.UserId, now = r.Now.ToUniversalTime() }, tx), ct) == 1;
}
