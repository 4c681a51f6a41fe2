using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Storage.Sql.Jobs;

/// <summary>Change records, one row per chunk and kind of change, on the primary key (job_id, seq, change_kind).</summary>
public sealed class SqlJobChanges(SqlDatabase db) : IJobChanges
{
    private const string InsertSql = "INSERT INTO job_changes (job_id, seq, change_kind, items, payload) VALUES (@job, @seq, @change, @items, @payload)";

    // The next chunks' records: their last seq found on the primary key, then their rows on the same range.
    private const string ReadNextSql = """
        SELECT seq, change_kind, items, payload FROM job_changes
        WHERE job_id = @job AND seq > @after AND seq <= (
            SELECT max(seq) FROM (SELECT DISTINCT seq FROM job_changes WHERE job_id = @job AND seq > @after ORDER BY seq LIMIT @chunks) AS next)
        ORDER BY seq, change_kind
        """;

    private const string CountSql = "SELECT change_kind, CAST(sum(items) AS bigint) FROM job_changes WHERE job_id = @job GROUP BY change_kind";

    private const string FindUndoSql = "SELECT id FROM jobs WHERE undo_of = @job";

    private readonly SqlDialect _d = db.Dialect;

    public async Task RecordAsync(RecordChangeRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        await using var insert = tx.Connection.Command(InsertSql, tx.Transaction,
            ("@job", _d.Key(r.JobId)), ("@seq", r.Seq), ("@change", r.Change), ("@items", r.Items), ("@payload", r.Payload));
        await insert.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<ChangeRecord>> ReadNextAsync(ReadChangesRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var select = c.Command(ReadNextSql, null, ("@job", _d.Key(r.JobId)), ("@after", r.AfterSeq), ("@chunks", r.Chunks));
        var records = new List<ChangeRecord>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            records.Add(new ChangeRecord(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3)));
        return records;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountAsync(CountChangesRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var count = c.Command(CountSql, null, ("@job", _d.Key(r.JobId)));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await count.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    public async Task<Guid?> FindUndoAsync(FindUndoRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var find = c.Command(FindUndoSql, null, ("@job", _d.Key(r.JobId)));
        await using var reader = await find.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? _d.ReadKey(reader, 0) : null;
    }
}
