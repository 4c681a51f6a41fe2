using System.Data.Common;
using Offload.Jobs;

namespace Offload.Storage.Sql.Jobs;

/// <summary>
/// What a driver's chunk transaction shares: its write transaction, typed for the driver's own SQL, and the guard's
/// parameters. The commit itself is each driver's own (SQLite's writer turn; PostgreSQL's one-round-trip batch).
/// </summary>
public abstract class SqlChunkTransaction<TConnection, TTransaction>(
    SqlWrite<TConnection, TTransaction> write, SqlDialect dialect, Guid jobId, string workerId, Checkpoint from) : ChunkTransaction
    where TConnection : DbConnection
    where TTransaction : DbTransaction
{
    public override DbConnection Connection => write.Connection;
    public override DbTransaction Transaction => write.Transaction;

    protected SqlWrite<TConnection, TTransaction> Write => write;
    protected Guid JobId => jobId;
    protected string WorkerId => workerId;

    /// <summary>The typed write of <paramref name="tx"/>, which must be a <typeparamref name="TChunk"/>: a driver's <c>Of(tx)</c>.</summary>
    protected static SqlWrite<TConnection, TTransaction> WriteOf<TChunk>(ChunkTransaction tx) where TChunk : SqlChunkTransaction<TConnection, TTransaction> =>
        tx is TChunk chunk ? chunk.Write
            : throw new ArgumentException($"A chunk transaction of another store ({tx.GetType().Name}) reached {typeof(TChunk).Name}.", nameof(tx));

    /// <summary>
    /// The new checkpoint with what the chunk adds, and what the guard compares: the lease holder, and the checkpoint
    /// the chunk started from (@fromProcessed, @fromState).
    /// </summary>
    protected (string, object?)[] CheckpointParameters(Checkpoint next, params (string, object?)[] more) =>
    [
        ("@processed", next.Processed), ("@state", next.State), ("@errors", (long)Errors.Count), ("@result", ProducedResult),
        ("@id", dialect.Key(jobId)), ("@worker", workerId), ("@fromProcessed", from.Processed), ("@fromState", from.State), .. more,
    ];

    /// <summary>Disposing an uncommitted transaction rolls it back.</summary>
    public override ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return write.DisposeAsync();
    }
}
