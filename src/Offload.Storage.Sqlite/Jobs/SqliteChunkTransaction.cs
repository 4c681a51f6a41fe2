using Microsoft.Data.Sqlite;
using Offload.Jobs;
using Offload.Jobs.Completion;
using Offload.Jobs.Storage;
using Offload.Storage.Sql;
using Offload.Storage.Sql.Jobs;

namespace Offload.Storage.Sqlite.Jobs;

/// <summary>
/// A chunk's write transaction on SQLite: effects, error rows and checkpoint commit together. The guard is a
/// compare-and-set on the lease and on the checkpoint the chunk started from (<paramref name="from"/>), as on
/// PostgreSQL: a chunk run again after a commit that landed (a failed COMMIT reply, a retried call) is rolled back.
/// </summary>
internal sealed class SqliteChunkTransaction(SqlWrite<SqliteConnection, SqliteTransaction> write, Guid jobId, string workerId, Checkpoint from)
    : SqlChunkTransaction<SqliteConnection, SqliteTransaction>(write, SqliteDialect.Instance, jobId, workerId, from)
{
    /// <summary>What the guard checks besides the job's id: its lease, and that it is still where the chunk started.</summary>
    private const string Guard = "lease_owner = @worker AND processed = @fromProcessed AND checkpoint_state IS @fromState";

    /// <summary>
    /// Adds a chunk's count of one reason to its group, and keeps the first rows of both lists; a group whose samples
    /// are full and all before the chunk's rows (later chunks hold later rows) keeps them without merging.
    /// </summary>
    private static readonly string GroupUpsert = $"""
        INSERT INTO job_error_groups (job_id, field, message, count, sample_rows) VALUES (@job, @field, @message, @count, @samples)
        ON CONFLICT (job_id, field, message) DO UPDATE SET count = count + excluded.count,
            sample_rows = CASE
                WHEN json_array_length(sample_rows) >= {ErrorGroup.SampleRowCount}
                     AND json_extract(sample_rows, '$[{ErrorGroup.SampleRowCount - 1}]') < json_extract(excluded.sample_rows, '$[0]')
                THEN sample_rows
                ELSE (SELECT json_group_array(r) FROM (
                        SELECT value AS r FROM json_each(job_error_groups.sample_rows)
                        UNION SELECT value FROM json_each(excluded.sample_rows)
                        ORDER BY r LIMIT {ErrorGroup.SampleRowCount}))
            END
        """;

    /// <summary>The SQLite connection and transaction of a chunk this store opened, for the driver's own SQL (bulk paths).</summary>
    public static SqlWrite<SqliteConnection, SqliteTransaction> Of(ChunkTransaction tx) => WriteOf<SqliteChunkTransaction>(tx);

    public override async Task<ChunkCommit> CommitAsync(Checkpoint next, CancellationToken ct)
    {
        await WriteErrorsAsync(ct);
        return await CommitCheckpointAsync(next, ct);
    }

    public override async Task<ChunkCommit> CommitLastAsync(Checkpoint next, JobCompletion completion, DateTimeOffset now, CancellationToken ct)
    {
        await WriteErrorsAsync(ct);
        var c = Write.Connection;
        var tx = Write.Transaction;
        // The same guard as every chunk, plus the finish: only a running job completes here.
        await using var complete = c.Command($"""
            UPDATE jobs SET processed = @processed, checkpoint_state = @state, error_count = error_count + @errors, failed_items = failed_items + @failed,
                            has_result = has_result OR @result,
                            status = 'completed', finished_at = @now, failure_reason = NULL, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @id AND status = 'running' AND {Guard}
            """, tx, CheckpointParameters(next, ("@now", SqliteDialect.Instance.Time(now))));
        if (await complete.ExecuteNonQueryAsync(ct) != 1) return await CommitCheckpointAsync(next, ct);
        await SqlCompletion.WriteAsync(c, tx, SqliteDialect.Instance, JobId, completion, now, ct);
        await tx.CommitAsync(ct);
        return ChunkCommit.Completed;
    }

    private async Task WriteErrorsAsync(CancellationToken ct)
    {
        if (Errors.Count == 0) return;
        await using var insert = Write.Connection.Command(
            "INSERT INTO job_errors (job_id, row, field, message, value) VALUES (@job, @row, @field, @message, @value)", Write.Transaction,
            ("@job", SqliteDialect.Instance.Key(JobId)), ("@row", 0L), ("@field", ""), ("@message", ""), ("@value", null));
        foreach (var e in Errors)
        {
            insert.Parameters["@row"].Value = e.Row;
            insert.Parameters["@field"].Value = e.Field;
            insert.Parameters["@message"].Value = e.Message;
            insert.Parameters["@value"].Value = (object?)e.Value ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using var group = Write.Connection.Command(GroupUpsert, Write.Transaction,
            ("@job", SqliteDialect.Instance.Key(JobId)), ("@field", ""), ("@message", ""), ("@count", 0L), ("@samples", ""));
        foreach (var g in GroupErrors())
        {
            group.Parameters["@field"].Value = g.Field;
            group.Parameters["@message"].Value = g.Message;
            group.Parameters["@count"].Value = g.Count;
            group.Parameters["@samples"].Value = g.SampleRows;
            await group.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task<ChunkCommit> CommitCheckpointAsync(Checkpoint next, CancellationToken ct)
    {
        var tx = Write.Transaction;
        // The guard: only the lease holder may move the checkpoint, and only from where this chunk started.
        await using var update = Write.Connection.Command($"""
            UPDATE jobs SET processed = @processed, checkpoint_state = @state, error_count = error_count + @errors, failed_items = failed_items + @failed,
                            has_result = has_result OR @result
            WHERE id = @id AND status IN ('running', 'aborting') AND {Guard}
            RETURNING {JobRows.LeaseStatus}
            """, tx, CheckpointParameters(next));
        var status = await update.ExecuteScalarAsync(ct) as string;
        if (status is null)
        {
            // Still ours, yet elsewhere: this chunk already committed once. Otherwise another worker owns the job.
            await using var ours = Write.Connection.Command(
                "SELECT count(*) FROM jobs WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')", tx,
                ("@id", SqliteDialect.Instance.Key(JobId)), ("@worker", WorkerId));
            var stillOurs = (long)(await ours.ExecuteScalarAsync(ct))! == 1;
            await tx.RollbackAsync(ct);
            return stillOurs ? ChunkCommit.CheckpointMoved : ChunkCommit.LeaseLost;
        }
        await tx.CommitAsync(ct);
        return JobRows.CommittedAs(status);
    }
}
