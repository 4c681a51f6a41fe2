using Offload.Jobs.Storage;

namespace Offload.Storage.Sql.Jobs;

/// <summary>Retention's purge: a batch of expired, finished jobs at a time, skipped by no one else's lock.</summary>
public sealed class SqlJobRetentionStore(SqlDatabase db) : IJobRetentionStore
{
    private readonly SqlDialect _d = db.Dialect;

    // Error rows and notifications go by cascade; running and queued jobs are never purged.
    private readonly string _purge = $"""
        DELETE FROM jobs WHERE id IN (
            SELECT id FROM jobs WHERE expires_at < @now AND status IN ('completed', 'aborted', 'failed')
            LIMIT @max {db.Dialect.SkipLocked})
        RETURNING id, owner_id
        """;

    public Task<IReadOnlyList<PurgedJob>> PurgeExpiredAsync(PurgeExpiredRequest r, CancellationToken ct) =>
        db.InWriteAsync<IReadOnlyList<PurgedJob>>(async (c, tx) =>
        {
            await using var purge = c.Command(_purge, tx, ("@now", _d.Time(r.Now)), ("@max", r.Max));
            var purged = new List<PurgedJob>();
            await using var reader = await purge.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) purged.Add(new PurgedJob(_d.ReadKey(reader, 0), reader.GetInt64(1)));
            return purged;
        }, ct);
}
