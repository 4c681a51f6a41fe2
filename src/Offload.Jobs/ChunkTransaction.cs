using System.Data.Common;

namespace Offload.Jobs;

/// <summary>
/// The one object exactly-once rests on: the engine opens it, the handler writes the chunk's effects
/// through it, and <see cref="CommitAsync"/> writes checkpoint, progress and error rows with them in
/// one database transaction — or nothing at all.
/// </summary>
public abstract class ChunkTransaction : IAsyncDisposable
{
    /// <summary>The open connection; handlers' ports run their SQL on it.</summary>
    public abstract DbConnection Connection { get; }

    /// <summary>The transaction every command of the chunk must enlist in.</summary>
    public abstract DbTransaction Transaction { get; }

    /// <summary>Set by a handler that wrote to the job's result file; the job then offers it for download.</summary>
    public bool ProducedResult { get; set; }

    /// <summary>Records an item error; it is written only if the chunk commits.</summary>
    public abstract void AddError(ItemError error);

    /// <summary>
    /// Writes the checkpoint, progress and errors and commits, only while this worker still holds the
    /// lease; otherwise rolls everything back and reports <see cref="ChunkCommit.LeaseLost"/>.
    /// </summary>
    public abstract Task<ChunkCommit> CommitAsync(Checkpoint next, CancellationToken ct);

    /// <summary>Rolls back when the chunk was not committed.</summary>
    public abstract ValueTask DisposeAsync();
}

/// <summary>What happened when a chunk tried to commit.</summary>
public enum ChunkCommit
{
    /// <summary>The chunk is durable and the job may go on.</summary>
    Committed,
    /// <summary>The chunk is durable, and an abort was requested: stop here.</summary>
    CommittedAbortRequested,
    /// <summary>Another worker owns the job now; nothing of the chunk was kept.</summary>
    LeaseLost,
}
