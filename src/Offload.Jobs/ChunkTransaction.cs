using System.Data.Common;
using Offload.Jobs.Completion;

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

    /// <summary>The item errors of this chunk, written only if it commits.</summary>
    protected List<ItemError> Errors { get; } = [];

    /// <summary>How many item errors this chunk adds to the job's count when it commits.</summary>
    public int ErrorCount => Errors.Count;

    /// <summary>How many items of this chunk failed: its errors' distinct rows (an import row may have several).</summary>
    public int FailedItems => Errors.Count switch
    {
        0 => 0,
        1 => 1,
        _ => Errors.Select(e => e.Row).Distinct().Count(),
    };

    /// <summary>Records an item error; it is written only if the chunk commits.</summary>
    public void AddError(ItemError error) => Errors.Add(error);

    /// <summary>
    /// Writes the checkpoint, progress and errors and commits, only while this worker still holds the
    /// lease and the job is still at the checkpoint the chunk started from; otherwise rolls everything back
    /// and reports <see cref="ChunkCommit.LeaseLost"/> or <see cref="ChunkCommit.CheckpointMoved"/>.
    /// </summary>
    public abstract Task<ChunkCommit> CommitAsync(Checkpoint next, CancellationToken ct);

    /// <summary>
    /// Commits the job's last chunk and ends the job as completed in the same transaction, with the
    /// owner's notice and mail: one commit instead of two for the end of every job, which is most of the
    /// cost of a small job. Only a running job completes this way; when an abort was requested meanwhile
    /// the chunk commits as an ordinary one (<see cref="ChunkCommit.CommittedAbortRequested"/>) and the
    /// engine ends the job as aborted, as it would have after any other chunk.
    /// </summary>
    public abstract Task<ChunkCommit> CommitLastAsync(Checkpoint next, JobCompletion completion, DateTimeOffset now, CancellationToken ct);

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
    /// <summary>The chunk is durable, and a pause was requested: pause here.</summary>
    CommittedPauseRequested,
    /// <summary>Another worker owns the job now; nothing of the chunk was kept.</summary>
    LeaseLost,
    /// <summary>The last chunk is durable and the job completed with it (<see cref="ChunkTransaction.CommitLastAsync"/>).</summary>
    Completed,
    /// <summary>
    /// The job is still leased to this worker but no longer at the checkpoint the chunk started from: an earlier
    /// commit of the same chunk landed although its reply was lost. Nothing of this one was kept; the worker
    /// re-reads the job and goes on from the committed checkpoint.
    /// </summary>
    CheckpointMoved,
}
