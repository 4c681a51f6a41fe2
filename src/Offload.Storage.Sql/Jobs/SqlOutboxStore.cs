using Offload.Jobs.Storage;

namespace Offload.Storage.Sql.Jobs;

/// <summary>The outbox: a sender leases due mails, so two senders (on PostgreSQL, on several nodes: SKIP LOCKED) never hold the same one.</summary>
public sealed class SqlOutboxStore(SqlDatabase db) : IOutboxStore
{
    private readonly SqlDialect _d = db.Dialect;

    private readonly string _claim = $"""
        UPDATE outbox SET locked_by = @sender, locked_until = @until
        WHERE id IN (SELECT id FROM outbox
                     WHERE sent_at IS NULL AND next_attempt_at <= @now AND (locked_until IS NULL OR locked_until < @now)
                     ORDER BY next_attempt_at LIMIT @max {db.Dialect.SkipLocked})
        RETURNING id, to_address, subject, text_body, html_body, attempts
        """;

    private readonly string _nextDue =
        $"SELECT min({db.Dialect.Greatest("next_attempt_at", "COALESCE(locked_until, next_attempt_at)")}) FROM outbox WHERE sent_at IS NULL";

    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(ClaimMailRequest r, CancellationToken ct) =>
        db.InWriteAsync<IReadOnlyList<OutboxMessage>>(async (c, tx) =>
        {
            await using var claim = c.Command(_claim, tx,
                ("@sender", r.SenderId), ("@until", _d.Time(r.Now + r.Lease)), ("@now", _d.Time(r.Now)), ("@max", r.Max));
            var claimed = new List<OutboxMessage>();
            await using var m = await claim.ExecuteReaderAsync(ct);
            while (await m.ReadAsync(ct))
                claimed.Add(new OutboxMessage(m.GetInt64(0), m.GetString(1), m.GetString(2), m.GetString(3), m.GetString(4), m.GetInt32(5)));
            return claimed;
        }, ct);

    // Each of these acts only while the mail is leased to the sender: one whose lease ran out and was taken over
    // by another node must neither send nor mark it.
    public Task<bool> ExtendLeaseAsync(ExtendMailLeaseRequest r, CancellationToken ct) =>
        ChangeOneAsync("UPDATE outbox SET locked_until = @until WHERE id = @id AND locked_by = @sender AND sent_at IS NULL",
            ct, ("@until", _d.Time(r.Now + r.Lease)), ("@id", r.Id), ("@sender", r.SenderId));

    public Task<bool> MarkSentAsync(MarkSentRequest r, CancellationToken ct) =>
        ChangeOneAsync("""
            UPDATE outbox SET sent_at = @now, locked_by = NULL, locked_until = NULL, attempts = attempts + 1
            WHERE id = @id AND locked_by = @sender AND sent_at IS NULL
            """, ct, ("@now", _d.Time(r.Now)), ("@id", r.Id), ("@sender", r.SenderId));

    public Task<bool> MarkFailedAsync(MarkFailedRequest r, CancellationToken ct) =>
        ChangeOneAsync("""
            UPDATE outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @retry,
                              locked_by = NULL, locked_until = NULL
            WHERE id = @id AND locked_by = @sender AND sent_at IS NULL
            """, ct, ("@error", r.Error), ("@retry", _d.Time(r.RetryAt)), ("@id", r.Id), ("@sender", r.SenderId));

    public async Task<DateTimeOffset?> NextDueAsync(NextDueRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var next = c.Command(_nextDue, null);
        await using var reader = await next.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? _d.ReadTime(reader, 0) : null;
    }

    private Task<bool> ChangeOneAsync(string sql, CancellationToken ct, params (string, object?)[] parameters) =>
        db.InWriteAsync(async (c, tx) =>
        {
            await using var change = c.Command(sql, tx, parameters);
            return await change.ExecuteNonQueryAsync(ct) == 1;
        }, ct);
}
