using System.Text.Json;
using Offload.Jobs.Storage;

namespace Offload.Storage.Sql.Jobs;

/// <summary>A job's errors by reason, read from the groups its chunks kept (never from its error rows).</summary>
public sealed class SqlJobErrorGroups(SqlDatabase db) : IJobErrorGroups
{
    /// <summary>
    /// The largest groups, each row also carrying how many groups and errors the job has in all (windows run before
    /// LIMIT), so the rest is one subtraction and the read one statement over the job's few group rows.
    /// </summary>
    private const string Sql = """
        SELECT field, message, count, sample_rows, count(*) OVER () AS all_groups, CAST(sum(count) OVER () AS bigint) AS all_errors
        FROM job_error_groups WHERE job_id = @job
        ORDER BY count DESC, field, message LIMIT @top
        """;

    private readonly SqlDialect _d = db.Dialect;

    public async Task<ErrorGroupSummary> ReadAsync(ReadErrorGroupsRequest r, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(r.Top, 1);
        await using var c = await db.ConnectAsync(ct);
        await using var read = c.Command(Sql, null, ("@job", _d.Key(r.JobId)), ("@top", r.Top));
        var items = new List<ErrorGroup>();
        long groups = 0, errors = 0;
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                items.Add(new ErrorGroup(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                    JsonSerializer.Deserialize<long[]>(reader.GetString(3))!));
                (groups, errors) = (reader.GetInt64(4), reader.GetInt64(5));
            }
        return new ErrorGroupSummary(items, groups - items.Count, errors - items.Sum(g => g.Count));
    }
}
