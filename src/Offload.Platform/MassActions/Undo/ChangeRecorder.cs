using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Platform.MassActions.Undo;

/// <summary>How a chunk of an undoable action records what it changed, in its own transaction; a chunk that changed nothing records nothing.</summary>
public sealed class ChangeRecorder(IJobChanges changes)
{
    public Task RecordAsync(JobContext job, Checkpoint from, string change, IReadOnlyList<ChangeGroup> groups, ChunkTransaction tx, CancellationToken ct)
    {
        var items = groups.Sum(g => (long)g.UserIds.Count);
        return items == 0 ? Task.CompletedTask
            : changes.RecordAsync(new RecordChangeRequest(job.Job.Id, from.Processed, change, items, ChangePayload.Encode(groups)), tx, ct);
    }
}
