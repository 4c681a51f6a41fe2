using System.Data.Common;
using Offload.Jobs;
using static Offload.Storage.Sqlite.Jobs.JobRows;

namespace Offload.Storage.Sqlite.Jobs;

/// <summary>A chunk's write transaction on SQLite: effects, error rows and checkpoint commit together.</summary>
internal sealed class SqliteChunkTransaction(SqliteWrite write, Guid jobId, string workerId) : ChunkTransaction
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
            await using var insert = c.Command(
                "INSERT INTO job_errors (job_id, row, field, message, value) VALUES (@job, @row, @field, @message, @value)", tx,
                ("@job", Key(jobId)), ("@row", 0L), ("@field", ""), ("@message", ""), ("@value", null));
            foreach (var e in _errors)
            {
                insert.Parameters["@row"].Value = e.Row;
                insert.Parameters["@field"].Value = e.Field;
                insert.Parameters["@message"].Value = e.Message;
                insert.Parameters["@value"].Value = (object?)e.Value ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
        // The guard: only the lease holder may move the checkpoint; anything else means another worker owns it.
        await using var update = c.Command("""
            UPDATE jobs SET processed = @processed, checkpoint_state = @state, error_count = error_count + @errors,
                            has_result = has_result OR @result
            WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting')
            RETURNING status
            """, tx,
            ("@processed", next.Processed), ("@state", next.State), ("@errors", (long)_errors.Count), ("@result", ProducedResult),
            ("@id", Key(jobId)), ("@worker", workerId));
        var status = await update.ExecuteScalarAsync(ct) as string;
        if (status is null)
        {
            await tx.RollbackAsync(ct);
            return ChunkCommit.LeaseLost;
        }
        await tx.CommitAsync(ct);
        return status == "aborting" ? ChunkCommit.CommittedAbortRequested : ChunkCommit.Committed;
    }

    public override async ValueTask DisposeAsync()
    {
        // Disposing an uncommitted SqliteTransaction rolls it back.
        await write.DisposeAsync();
    }
}
