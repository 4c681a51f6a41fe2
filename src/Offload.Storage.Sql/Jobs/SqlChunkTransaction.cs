using System.Data.Common;
using Offload.Jobs;
using Offload.Jobs.Storage;

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
        ("@processed", next.Processed), ("@state", next.State), ("@errors", (long)Errors.Count), ("@failed", (long)FailedItems),
        ("@result", ProducedResult),
        ("@id", dialect.Key(jobId)), ("@worker", workerId), ("@fromProcessed", from.Processed), ("@fromState", from.State), .. more,
    ];

    /// <summary>
    /// The chunk's errors grouped by reason (field + message), in memory — a chunk holds a few thousand at most — so
    /// its commit adds one row per reason to job_error_groups (<see cref="ChunkErrorGroup"/>), beside the error rows.
    /// </summary>
    protected IReadOnlyList<ChunkErrorGroup> GroupErrors()
    {
        var rows = new Dictionary<(string Field, string Message), List<long>>();
        foreach (var e in Errors)
        {
            if (!rows.TryGetValue((e.Field, e.Message), out var of)) rows.Add((e.Field, e.Message), of = []);
            of.Add(e.Row);
        }
        return [.. rows.Select(g => new ChunkErrorGroup(g.Key.Field, g.Key.Message, g.Value.Count,
            $"[{string.Join(',', g.Value.Order().Take(ErrorGroup.SampleRowCount))}]"))];
    }

    /// <summary>Disposing an uncommitted transaction rolls it back.</summary>
    public override ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return write.DisposeAsync();
    }
}

/// <summary>
/// What one chunk adds to a reason's group: how many of its errors have it, and the first of their rows as the JSON
/// array job_error_groups keeps (<c>[3,8]</c>); a driver's upsert adds the counts and keeps the first rows of both.
/// </summary>
public sealed record ChunkErrorGroup(string Field, string Message, long Count, string SampleRows);
