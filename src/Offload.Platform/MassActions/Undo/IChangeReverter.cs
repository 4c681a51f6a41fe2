using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// How the undo reverts one kind of mass action: one implementation per undoable kind, chosen by the original job's kind,
/// so a new undoable action adds a reverter in a file of its own and one registration line.
/// </summary>
public interface IChangeReverter
{
    /// <summary>The kind of the jobs it reverts ("enrollments.create").</summary>
    string Kind { get; }

    /// <summary>What the undo will do, from the items recorded per kind of change: lines for the confirm page.</summary>
    IReadOnlyList<RevertLine> Plan(IReadOnlyDictionary<string, long> counts);

    /// <summary>
    /// Reverts one record in the undo's chunk transaction: each item changed again since the original job becomes an
    /// error row (<see cref="RevertChunk.ChangedSince"/>), never overwritten.
    /// </summary>
    Task RevertAsync(RevertChunk chunk, ChangeRecord record, ChunkTransaction tx, CancellationToken ct);

    /// <summary>Once, in the undo's first chunk before any record: what the reverts need of the database first (most need nothing).</summary>
    Task BeginAsync(ChunkTransaction tx, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>One line of what an undo will do.</summary>
/// <param name="Text">English, a key of the French resources, with <c>{0}</c> for the count.</param>
public sealed record RevertLine(string Text, long Count);
