using System.Data.Common;
using NpgsqlTypes;
using Offload.Jobs;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>A chunk's transaction on PostgreSQL: effects, error rows (one unnest insert) and checkpoint commit together.</summary>
internal sealed class PgChunkTransaction(PostgresWrite write, Guid jobId, string workerId) : ChunkTransaction
{
    private readonly List<ItemError> _errors = [];

    public override DbConnection Connection => write.Connection;
    public override DbTransaction Transaction => write.Transaction;

    public override void AddError(ItemError error) => _errors.Add(error);

    public override async Task<ChunkCommit> CommitAsync(Checkpoint next, CancellationToken ct)
    {
        var c = write.Connection;
        var tx = write.Transaction;
        if (_errors.Count > 0)
        {
            await using var insert = c.Command("""
                INSERT INTO job_errors (job_id, row, field, message, value)
                SELECT @job, r, f, m, v FROM unnest(@rows, @fields, @messages, @values) AS e(r, f, m, v)
                """, tx, ("@job", jobId));
            insert.Parameters.AddWithValue("@rows", _errors.Select(e => e.Row).ToArray());
            insert.Parameters.AddWithValue("@fields", _errors.Select(e => e.Field).ToArray());
            insert.Parameters.AddWithValue("@messages", _errors.Select(e => e.Message).ToArray());
            insert.Parameters.Add(new Npgsql.NpgsqlParameter("@values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = _errors.Select(e => e.Value).ToArray() });
            await insert.ExecuteNonQueryAsync(ct);
        }
        // The guard: only the lease holder may move the checkpoint; anything else means another worker owns it.
        await using var update = c.Command("""
            UPDATE jobs SET processed = @processed, checkpoint_state = @state::text, error_count = error_count + @errors,
                            has_result = has_result OR @result
            WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')
            RETURNING status
            """, tx, ("@processed", next.Processed), ("@state", next.State), ("@errors", (long)_errors.Count),
            ("@result", ProducedResult), ("@id", jobId), ("@worker", workerId));
        var status = await update.ExecuteScalarAsync(ct) as string;
        if (status is null)
        {
            await tx.RollbackAsync(ct);
            return ChunkCommit.LeaseLost;
        }
        await tx.CommitAsync(ct);
        return status == "aborting" ? ChunkCommit.CommittedAbortRequested : ChunkCommit.Committed;
    }

    public override ValueTask DisposeAsync() => write.DisposeAsync();
}
