using Dapper;
using Offload.Jobs.Storage;

namespace Offload.Storage.Sqlite.Jobs;

/// <summary>The outbox on SQLite: a sender leases due mails so two senders never hold the same one.</summary>
public sealed class SqliteOutboxStore(SqliteDatabase db) : IOutboxStore
{
    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(ClaimMailRequest r, CancellationToken ct) =>
        db.WriteAsync<IReadOnlyList<OutboxMessage>>(async (c, tx) =>
        {
            var now = r.Now.ToUnixTimeMilliseconds();
            var rows = await c.QueryAsync<(long Id, string To, string Subject, string Text, string Html, int Attempts)>("""
                UPDATE outbox SET locked_by = @sender, locked_until = @until
                WHERE id IN (SELECT id FROM outbox
                             WHERE sent_at IS NULL AND next_attempt_at <= @now AND (locked_until IS NULL OR locked_until < @now)
                             ORDER BY next_attempt_at LIMIT @max)
                RETURNING id, to_address, subject, text_body, html_body, attempts
                """, new { sender = r.SenderId, until = now + (long)r.Lease.TotalMilliseconds, now, max = r.Max }, tx);
            return rows.Select(m => new OutboxMessage(m.Id, m.To, m.Subject, m.Text, m.Html, m.Attempts)).ToList();
        }, ct);

    // Each of these acts only while the mail is leased to the sender: one whose lease ran out and was taken over
    // by another node must neither send nor mark it.
    public async Task<bool> ExtendLeaseAsync(ExtendMailLeaseRequest r, CancellationToken ct) =>
        await db.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE outbox SET locked_until = @until WHERE id = @Id AND locked_by = @SenderId AND sent_at IS NULL",
            new { r.Id, r.SenderId, until = (r.Now + r.Lease).ToUnixTimeMilliseconds() }, tx), ct) == 1;

    public async Task<bool> MarkSentAsync(MarkSentRequest r, CancellationToken ct) =>
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE outbox SET sent_at = @now, locked_by = NULL, locked_until = NULL, attempts = attempts + 1
            WHERE id = @Id AND locked_by = @SenderId AND sent_at IS NULL
            """, new { r.Id, r.SenderId, now = r.Now.ToUnixTimeMilliseconds() }, tx), ct) == 1;

    public async Task<bool> MarkFailedAsync(MarkFailedRequest r, CancellationToken ct) =>
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE outbox SET attempts = attempts + 1, last_error = @Error, next_attempt_at = @retry,
                              locked_by = NULL, locked_until = NULL
            WHERE id = @Id AND locked_by = @SenderId AND sent_at IS NULL
            """, new { r.Id, r.SenderId, r.Error, retry = r.RetryAt.ToUnixTimeMilliseconds() }, tx), ct) == 1;

    public async Task<DateTimeOffset?> NextDueAsync(NextDueRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var next = await c.ExecuteScalarAsync<long?>("SELECT min(max(next_attempt_at, COALESCE(locked_until, 0))) FROM outbox WHERE sent_at IS NULL");
        return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }
}
