using System.Buffers.Binary;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Offload.Jobs;
using Offload.Jobs.Audit;
using Offload.Jobs.Storage;
using static Offload.Storage.Sql.Jobs.JobRows;

namespace Offload.Storage.Sql.Jobs;

/// <summary>The page's operations, one SQL for both databases; reads never wait for a writer (SQLite's write lock).</summary>
public sealed partial class SqlJobMonitor(SqlDatabase db, SqlJobTextSearch textSearch) : IJobMonitor
{
    private const string GetSql = $"SELECT {Columns} FROM jobs WHERE id = @id";

    private readonly SqlDialect _d = db.Dialect;

    public async Task<Job?> GetAsync(GetJobRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var get = c.Command(GetSql, null, ("@id", _d.Key(r.Id)));
        return await ReadOneAsync(get, _d, ct);
    }

    public async Task<JobPage> ListAsync(ListJobsRequest r, CancellationToken ct)
    {
        // Only the filters given, each with its parameter: PostgreSQL prepares one statement per shape.
        var where = new List<string>();
        var args = new List<(string, object?)> { ("@limit", r.Limit + 1) };
        await using var c = await db.ConnectAsync(ct);
        if (r.OwnerId is { } owner) Filter("owner_id = @owner", ("@owner", owner));
        if (r.Status is { } status) Filter("status = @status", ("@status", status.ToName()));
        if (r.Kind is { } kind) Filter("kind = @kind", ("@kind", kind));
        if (r.CreatedFrom is { } from) Filter("created_at >= @from", ("@from", _d.Time(from)));
        if (r.CreatedTo is { } to) Filter("created_at <= @to", ("@to", _d.Time(to)));
        if (r.Text is { Length: > 0 } text)
        {
            var match = await textSearch.MatchAsync(c, text, ct);
            where.Add(match.Condition);
            args.AddRange(match.Arguments);
        }
        if (r.Before is { } before)
        {
            if (r.ByCreation)
                Filter("(created_at, id) < (@beforeAt, @before)", ("@beforeAt", _d.Time(await CreatedAtAsync(c, before, ct))));
            else
                where.Add("id < @before");
            args.Add(("@before", _d.Key(before)));
        }
        var sql = $"SELECT {Columns} FROM jobs {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} " +
            $"ORDER BY {(r.ByCreation ? "created_at DESC, id DESC" : "id DESC")} LIMIT @limit";
        await using var list = c.Command(sql, null, [.. args]);
        var items = new List<Job>(r.Limit + 1);
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) items.Add(Read(reader, _d));
        return JobPage.FromOneExtra(items, r.Limit);

        void Filter(string condition, (string, object?) arg)
        {
            where.Add(condition);
            args.Add(arg);
        }
    }

    /// <summary>
    /// Where a page ordered by creation time goes on: the cursor job's creation time, or, when that job was deleted
    /// since, the time its UUIDv7 id carries (when the id was made: at most the length of an upload before it).
    /// </summary>
    private async Task<DateTimeOffset> CreatedAtAsync(DbConnection c, Guid before, CancellationToken ct)
    {
        await using var read = c.Command("SELECT created_at FROM jobs WHERE id = @id", null, ("@id", _d.Key(before)));
        await using var reader = await read.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct)) return _d.ReadTime(reader, 0);
        Span<byte> bytes = stackalloc byte[16];
        before.TryWriteBytes(bytes, bigEndian: true, out _);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16));
    }

    public Task<AbortOutcome> AbortAsync(AbortJobRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            await using var abort = c.Command($"""
                UPDATE jobs SET
                    status = CASE WHEN status IN ('queued', 'paused') THEN 'aborted' ELSE 'aborting' END,
                    finished_at = CASE WHEN status IN ('queued', 'paused') THEN @now ELSE finished_at END,
                    abort_requested_by = CASE WHEN abort_requested_at IS NULL THEN @by ELSE abort_requested_by END,
                    abort_requested_at = COALESCE(abort_requested_at, @now)
                WHERE id = @id AND status IN ('queued', 'running', 'paused')
                RETURNING {Columns}
                """, tx, ("@now", _d.Time(r.Now)), ("@by", r.By.Username), ("@id", _d.Key(r.Id)));
            if (await ReadOneAsync(abort, _d, ct) is { } changed)
            {
                // Only the ask that changed the job is audited: a second ask (already aborting) writes nothing.
                await SqlAudit.WriteAsync(c, tx, _d, AuditActions.Abort, r.Now, r.By, changed.Id, new AuditUser(changed.OwnerId, changed.OwnerName), ct);
                if (changed.Status != JobStatus.Aborted) return new AbortOutcome(AbortResult.Aborting, changed);
                await SqlCompletion.WriteAsync(c, tx, _d, changed.Id, r.Completion, r.Now, ct);
                return new AbortOutcome(AbortResult.Aborted, changed);
            }
            await using var get = c.Command(GetSql, tx, ("@id", _d.Key(r.Id)));
            return await ReadOneAsync(get, _d, ct) switch
            {
                null => new AbortOutcome(AbortResult.NotFound, null),
                { Status: JobStatus.Aborting } job => new AbortOutcome(AbortResult.Aborting, job),
                var job => new AbortOutcome(AbortResult.AlreadyFinished, job),
            };
        }, ct);

    public Task<DeleteOutcome> DeleteAsync(DeleteJobRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            AuditUser? owner;
            await using (var delete = c.Command(
                "DELETE FROM jobs WHERE id = @id AND status IN ('completed', 'aborted', 'failed') RETURNING owner_id, owner_name", tx, ("@id", _d.Key(r.Id))))
            await using (var deleted = await delete.ExecuteReaderAsync(ct))
                owner = await deleted.ReadAsync(ct) ? new AuditUser(deleted.GetInt64(0), deleted.GetString(1)) : null;
            if (owner is not null)
            {
                await SqlAudit.WriteAsync(c, tx, _d, AuditActions.Delete, r.Now, r.By, r.Id, owner, ct);
                return DeleteOutcome.Deleted;
            }
            await using var exists = c.Command("SELECT 1 FROM jobs WHERE id = @id", tx, ("@id", _d.Key(r.Id)));
            return await exists.ExecuteScalarAsync(ct) is null ? DeleteOutcome.NotFound : DeleteOutcome.NotFinished;
        }, ct);

    public async IAsyncEnumerable<ItemError> ReadErrorsAsync(ReadErrorsRequest r, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var read = c.Command(
            "SELECT row, field, message, value FROM job_errors WHERE job_id = @id ORDER BY id", null, ("@id", _d.Key(r.JobId)));
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new ItemError(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }
}
