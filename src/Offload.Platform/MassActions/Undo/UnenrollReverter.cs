using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Enrollments;
using Offload.Platform.Enrollments.Unenroll;

namespace Offload.Platform.MassActions.Undo;

/// <summary>Undoes an unenroll: puts back each enrollment it removed, with its original date, unless the user was enrolled again since.</summary>
public sealed class UnenrollReverter(IEnrollmentStore enrollments) : IChangeReverter
{
    public string Kind => UnenrollHandler.KindName;

    public IReadOnlyList<RevertLine> Plan(IReadOnlyDictionary<string, long> counts) =>
        [new("Restore {0} enrollments this job removed", counts.GetValueOrDefault(ChangeKinds.EnrollmentRemoved))];

    public async Task RevertAsync(RevertChunk chunk, ChangeRecord record, ChunkTransaction tx, CancellationToken ct)
    {
        foreach (var group in ChangePayload.Decode(record.Payload))
            await chunk.RevertGroupAsync(group, async ids =>
                [.. (await enrollments.EnrollAsync(new EnrollRequest(ids, [group.Key], group.AtTime), tx, ct)).Select(p => p.UserId)], tx, ct);
    }
}
