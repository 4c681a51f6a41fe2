using Offload.Jobs;
using Offload.Jobs.Storage;
using static Offload.Storage.Sql.Jobs.JobRows;

namespace Offload.Storage.Sql.Jobs;

/// <summary>The detail page's reads beside the job, one SQL for both databases, off the write lock.</summary>
public sealed class SqlJobDetailReads(SqlDatabase db) : IJobDetailReads
{
    /// <summary>
    /// Ids are time-ordered (UUIDv7), so "created before" is "smaller id": a range of the claim index on (status, …).
    /// The claim weighs owners fairly rather than taking the oldest first, so this is where the job stands by age.
    /// </summary>
    private const string AheadSql = "SELECT count(*) FROM jobs WHERE status = 'queued' AND id < @id";

    private const string FollowUpsSql = $"SELECT {Columns} FROM jobs WHERE retry_of = @id OR undo_of = @id ORDER BY id LIMIT @limit";

    private readonly SqlDialect _d = db.Dialect;

    public async Task<long> CountQueuedAheadAsync(CountQueuedAheadRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var count = c.Command(AheadSql, null, ("@id", _d.Key(r.JobId)));
        return Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<Job>> ListFollowUpsAsync(ListFollowUpsRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var list = c.Command(FollowUpsSql, null, ("@id", _d.Key(r.JobId)), ("@limit", r.Limit));
        var jobs = new List<Job>();
        await using var reader = await list.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) jobs.Add(Read(reader, _d));
        return jobs;
    }
}
