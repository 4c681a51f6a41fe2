namespace Offload.Jobs.Storage;

/// <summary>
/// What an undoable job's chunks changed, recorded in each chunk's own transaction (so a chunk that rolls back leaves no
/// record) and read back in order by the job that reverts them. One row per chunk and kind of change, its items encoded
/// in the payload: a row per item would cost the mass action most of its speed.
/// </summary>
public interface IJobChanges
{
    /// <summary>Writes one record in the chunk's transaction; it exists only if the chunk commits.</summary>
    Task RecordAsync(RecordChangeRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>
    /// The records of the first <see cref="ReadChangesRequest.Chunks"/> chunks after <see cref="ReadChangesRequest.AfterSeq"/>
    /// that have any, in the order the chunks ran (empty at the end).
    /// </summary>
    Task<IReadOnlyList<ChangeRecord>> ReadNextAsync(ReadChangesRequest request, CancellationToken ct);

    /// <summary>How many items a job changed, per kind of change.</summary>
    Task<IReadOnlyDictionary<string, long>> CountAsync(CountChangesRequest request, CancellationToken ct);

    /// <summary>The job that reverts <see cref="FindUndoRequest.JobId"/>, if one was started.</summary>
    Task<Guid?> FindUndoAsync(FindUndoRequest request, CancellationToken ct);
}

/// <param name="Seq">Where the chunk started (its <see cref="Checkpoint.Processed"/>): records read back in the order the chunks ran.</param>
/// <param name="Change">What kind of change the payload holds ("enrollment.created"), named by the mass action that wrote it.</param>
/// <param name="Items">How many items the payload holds.</param>
public sealed record RecordChangeRequest(Guid JobId, long Seq, string Change, long Items, byte[] Payload);

/// <summary>One chunk's changes of one kind.</summary>
public sealed record ChangeRecord(long Seq, string Change, long Items, byte[] Payload);

/// <param name="AfterSeq">-1 for the first chunk.</param>
/// <param name="Chunks">How many chunks' records to read in one go: a reader reverting them one by one reads ahead.</param>
public sealed record ReadChangesRequest(Guid JobId, long AfterSeq, int Chunks = 1);

public sealed record CountChangesRequest(Guid JobId);

public sealed record FindUndoRequest(Guid JobId);
