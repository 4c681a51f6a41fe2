using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Enrollments;
using Offload.Platform.Enrollments.Enroll;

namespace Offload.Platform.MassActions.Undo;

/// <summary>Undoes an enroll: removes each enrollment it created, if it is still that one (same date); one made again since stays.</summary>
public sealed class EnrollReverter(IEnrollmentStore enrollments) : IChangeReverter
{
    public string Kind => EnrollHandler.KindName;

    public IReadOnlyList<RevertLine> Plan(IReadOnlyDictionary<string, long> counts) =>
        [new("Remove {0} enrollments this job created", counts.GetValueOrDefault(ChangeKinds.EnrollmentCreated))];

    public async Task RevertAsync(RevertChunk chunk, ChangeRecord record, ChunkTransaction tx, CancellationToken ct)
    {
        foreach (var group in ChangePayload.Decode(record.Payload))
            await chunk.RevertExistingAsync(group,
                ids => enrollments.RemoveEnrolledAtAsync(new RemoveEnrolledAtRequest(ids, group.Key, group.AtTime), tx, ct), tx, ct);
    }
}
