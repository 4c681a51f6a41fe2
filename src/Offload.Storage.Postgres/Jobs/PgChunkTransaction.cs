using System.Data.Common;
using NpgsqlTypes;
using Offload.Jobs;
using Offload.Jobs.Completion;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>A chunk's transaction on PostgreSQL: effects, error rows (one unnest insert) and checkpoint commit together.</summary>
internal sealed class PgChunkTransaction(PostgresWrite write, Guid jobId, string workerId) : ChunkTransaction
{
    public override DbConnection Connection => write.Connection;
    public override DbTransaction Transaction => write.Transaction;

    public override async Task<ChunkCommit> CommitAsync(Checkpoint next, CancellationToken ct)
    {
        await WriteErrorsAsync(ct);
        return await CommitCheckpointAsync(next, ct);
    }

    public override async Task<ChunkCommit> CommitLastAsync(Checkpoint next, JobCompletion completion, DateTimeOffset now, CancellationToken ct)
    {
        await WriteErrorsAsync(ct);
        // The same guard as every chunk, plus the finish: only a running job completes here. The notice and
        // mail ride in the same statement, written only when the job row was: one round trip for the end.
        await using var complete = write.Connection.Command(PgCompletion.AfterUpdate("""
            UPDATE jobs SET processed = @processed, checkpoint_state = @state::text, error_count = error_count + @errors,
                            has_result = has_result OR @result,
                            status = 'completed', finished_at = @now, failure_reason = NULL, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @id AND lease_owner = @worker AND status = 'running'
            RETURNING id
            """, completion), write.Transaction, [.. CheckpointParameters(next), ("@now", now), .. PgCompletion.Parameters(completion)]);
        if ((long)(await complete.ExecuteScalarAsync(ct))! != 1) return await CommitCheckpointAsync(next, ct);
        await write.Transaction.CommitAsync(ct);
        return ChunkCommit.Completed;
    }

    private async Task WriteErrorsAsync(CancellationToken ct)
    {
        if (Errors.Count == 0) return;
        await using var insert = write.Connection.Command("""
            INSERT INTO job_errors (job_id, row, field, message, value)
            SELECT @job, r, f, m, v FROM unnest(@rows, @fields, @messages, @values) AS e(r, f, m, v)
            """, write.Transaction, ("@job", jobId));
        insert.Parameters.AddWithValue("@rows", Errors.Select(e => e.Row).ToArray());
        insert.Parameters.AddWithValue("@fields", Errors.Select(e => e.Field).ToArray());
        insert.Parameters.AddWithValue("@messages", Errors.Select(e => e.Message).ToArray());
        insert.Parameters.Add(new Npgsql.NpgsqlParameter("@values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Errors.Select(e => e.Value).ToArray() });
        await insert.ExecuteNonQueryAsync(ct);
    }

    private async Task<ChunkCommit> CommitCheckpointAsync(Checkpoint next, CancellationToken ct)
    {
        var tx = write.Transaction;
        // The guard: only the lease holder may move the checkpoint; anything else means another worker owns it.
        await using var update = write.Connection.Command("""
            UPDATE jobs SET processed = @processed, checkpoint_state = @state::text, error_count = error_count + @errors,
                            has_result = has_result OR @result
            WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')
            RETURNING status
            """, tx, CheckpointParameters(next));
        var status = await update.ExecuteScalarAsync(ct) as string;
        if (status is null)
        {
            await tx.RollbackAsync(ct);
            return ChunkCommit.LeaseLost;
        }
        await tx.CommitAsync(ct);
        return status == "aborting" ? ChunkCommit.CommittedAbortRequested : ChunkCommit.Committed;
    }

    private (string, object?)[] CheckpointParameters(Checkpoint next) =>
    [
        ("@processed", next.Processed), ("@state", next.State), ("@errors", (long)Errors.Count), ("@result", ProducedResult),
        ("@id", jobId), ("@worker", workerId),
    ];

    public override ValueTask DisposeAsync() => write.DisposeAsync();
}
