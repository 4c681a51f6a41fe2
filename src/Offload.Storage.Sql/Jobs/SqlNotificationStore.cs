using Offload.Jobs.Storage;

namespace Offload.Storage.Sql.Jobs;

/// <summary>The in-app notifications written when jobs end.</summary>
public sealed class SqlNotificationStore(SqlDatabase db) : INotificationStore
{
    private readonly SqlDialect _d = db.Dialect;

    public async Task<NotificationPage> ListAsync(ListNotificationsRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var unread = c.Command("SELECT count(*) FROM notifications WHERE user_id = @user AND read_at IS NULL", null, ("@user", r.UserId));
        var count = Convert.ToInt64(await unread.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        await using var list = c.Command(
            "SELECT id, job_id, title, created_at, read_at FROM notifications WHERE user_id = @user ORDER BY id DESC LIMIT @limit", null,
            ("@user", r.UserId), ("@limit", r.Limit));
        var items = new List<Notification>();
        await using var n = await list.ExecuteReaderAsync(ct);
        while (await n.ReadAsync(ct))
            items.Add(new Notification(n.GetInt64(0), _d.ReadKey(n, 1), n.GetString(2), _d.ReadTime(n, 3), !n.IsDBNull(4)));
        return new NotificationPage(count, items);
    }

    public Task<bool> MarkReadAsync(MarkReadRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            await using var mark = c.Command("UPDATE notifications SET read_at = COALESCE(read_at, @now) WHERE id = @id AND user_id = @user", tx,
                ("@now", _d.Time(r.Now)), ("@id", r.Id), ("@user", r.UserId));
            return await mark.ExecuteNonQueryAsync(ct) == 1;
        }, ct);
}
