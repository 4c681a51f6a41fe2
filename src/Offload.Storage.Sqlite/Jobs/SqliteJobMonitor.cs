using Dapper;
using System.Runtime.CompilerServices;
using Offload.Jobs;
using Offload.Jobs.Storage;
using static Offload.Storage.Sqlite.Jobs.JobRows;

namespace Offload.Storage.Sqlite.Jobs;

/// <summary>The page's operations on SQLite: reads never take the write lock.</summary>
public sealed class SqliteJobMonitor(SqliteDatabase db) : IJobMonitor
{
    public async Task<Job?> GetAsync(GetJobRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var get = c.Command($"SELECT {Columns} FROM jobs WHERE id = @id", null, ("@id", Key(r.Id)));
        return await ReadOneAsync(get, ct);
    }

    public async Task<JobPage> ListAsync(ListJobsRequest r, CancellationToken ct)
    {
        var where = new List<string>();
        if (r.OwnerId is not null) where.Add("owner_id = @owner");
        if (r.Status is not null) where.Add("status = @status");
        if (r.Before is not null) where.Add("id < @before");
        var sql = $"SELECT {Columns} FROM jobs {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY id DESC LIMIT @limit";
        await using var c = await db.OpenAsync(ct);
        await using var list = c.Command(sql, null, ("@owner", r.OwnerId), ("@status", r.Status?.ToName()),
            ("@before", r.Before is { } b ? Key(b) : null), ("@limit", r.Limit + 1));
        var items = new List<Job>(r.Limit + 1);
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) items.Add(Read(reader));
        return JobPage.FromOneExtra(items, r.Limit);
    }

    public Task<AbortOutcome> AbortAsync(AbortJobRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await using var abort = c.Command($"""
                UPDATE jobs SET
                    status = CASE status WHEN 'queued' THEN 'aborted' ELSE 'aborting' END,
                    finished_at = CASE status WHEN 'queued' THEN @now ELSE finished_at END
                WHERE id = @id AND status IN ('queued', 'running')
                RETURNING {Columns}
                """, tx, ("@now", Ms(r.Now)), ("@id", Key(r.Id)));
            if (await ReadOneAsync(abort, ct) is { } changed)
            {
                if (changed.Status != JobStatus.Aborted) return new AbortOutcome(AbortResult.Aborting, changed);
                await SqliteCompletion.WriteAsync(c, tx, changed.Id, r.Completion, r.Now);
                return new AbortOutcome(AbortResult.Aborted, changed);
            }
            await using var get = c.Command($"SELECT {Columns} FROM jobs WHERE id = @id", tx, ("@id", Key(r.Id)));
            return await ReadOneAsync(get, ct) switch
            {
                null => new AbortOutcome(AbortResult.NotFound, null),
                { Status: JobStatus.Aborting } job => new AbortOutcome(AbortResult.Aborting, job),
                var job => new AbortOutcome(AbortResult.AlreadyFinished, job),
            };
        }, ct);

    public Task<DeleteOutcome> DeleteAsync(DeleteJobRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            await using var delete = c.Command(
                "DELETE FROM jobs WHERE id = @id AND status IN ('completed', 'aborted', 'failed')", tx, ("@id", Key(r.Id)));
            if (await delete.ExecuteNonQueryAsync(ct) == 1) return DeleteOutcome.Deleted;
            await using var exists = c.Command("SELECT 1 FROM jobs WHERE id = @id", tx, ("@id", Key(r.Id)));
            return await exists.ExecuteScalarAsync(ct) is null ? DeleteOutcome.NotFound : DeleteOutcome.NotFinished;
        }, ct);

    public Task<IReadOnlyList<PurgedJob>> PurgeExpiredAsync(PurgeExpiredRequest r, CancellationToken ct) =>
        db.WriteAsync<IReadOnlyList<PurgedJob>>(async (c, tx) =>
        {
            // Error rows and notifications go by cascade; running and queued jobs are never purged.
            await using var purge = c.Command("""
                DELETE FROM jobs WHERE id IN (
                    SELECT id FROM jobs WHERE expires_at < @now AND status IN ('completed', 'aborted', 'failed') LIMIT @max)
                RETURNING id, owner_id
                """, tx, ("@now", Ms(r.Now)), ("@max", r.Max));
            var purged = new List<PurgedJob>();
            await using var reader = await purge.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) purged.Add(new PurgedJob(Guid.Parse(reader.GetString(0)), reader.GetInt64(1)));
            return purged;
        }, ct);

    public async Task<JobCounts> CountUnfinishedAsync(CountUnfinishedRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return JobCounts.From(await c.QueryAsync<(string, long)>(new CommandDefinition(JobCounts.Sql, cancellationToken: ct)));
    }

    public async IAsyncEnumerable<ItemError> ReadErrorsAsync(ReadErrorsRequest r, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var read = c.Command(
            "SELECT row, field, message, value FROM job_errors WHERE job_id = @id ORDER BY id", null, ("@id", Key(r.JobId)));
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new ItemError(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3));
    }
}
