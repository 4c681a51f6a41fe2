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

    /// <summary>The enroll just made many enrollments of its course: the deletes by key are planned on fresh statistics.</summary>
    public Task BeginAsync(ChunkTransaction tx, CancellationToken ct) => enrollments.RefreshStatisticsAsync(tx, ct);

    public async Task RevertAsync(RevertChunk chunk, ChangeRecord record, ChunkTransaction tx, CancellationToken ct)
    {
        foreach (var group in ChangePayload.Decode(record.Payload))
            await chunk.RevertExistingAsync(group,
                ids => enrollments.RemoveEnrolledAtAsync(new RemoveEnrolledAtRequest(ids, group.Key, group.AtTime), tx, ct), tx, ct);
    }
}
