using Offload.Jobs.Storage;

namespace Offload.Storage.Sql.Jobs;

/// <summary>The queue depth for metrics, read off the write lock.</summary>
public sealed class SqlJobCounts(SqlDatabase db) : IJobCounts
{
    /// <summary>One index range scan on (status, id).</summary>
    private const string Sql = "SELECT status, count(*) FROM jobs WHERE status IN ('queued', 'running', 'aborting') GROUP BY status";

    public async Task<JobCounts> CountUnfinishedAsync(CountUnfinishedRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var count = c.Command(Sql, null);
        var counts = new Dictionary<string, long>();
        await using (var reader = await count.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return new(counts.GetValueOrDefault("queued"), counts.GetValueOrDefault("running"), counts.GetValueOrDefault("aborting"));
    }
}
