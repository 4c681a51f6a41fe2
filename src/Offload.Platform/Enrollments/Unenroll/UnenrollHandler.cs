using Offload.Jobs;
using Offload.Platform.MassActions;
using Offload.Platform.MassActions.Undo;
using Offload.Platform.Users;

namespace Offload.Platform.Enrollments.Unenroll;

/// <summary>
/// enrollments.delete: remove each user from each course; not enrolled is a no-op. Each chunk records the enrollments it
/// removed with their dates, so an undo puts them back as they were.
/// </summary>
public sealed class UnenrollHandler(IUserStore users, IEnrollmentStore enrollments, JobFiles files, ChangeRecorder recorder)
    : UserBatchHandler<UnenrollJobInput>(users, files)
{
    public const string KindName = "enrollments.delete";

    public override string Kind => KindName;

    protected override async Task<string?> ApplyAsync(BatchChunk<UnenrollJobInput> chunk, ChunkTransaction tx, CancellationToken ct)
    {
        if (chunk.Users.Count == 0) return null;
        var removed = await enrollments.UnenrollAsync(new UnenrollRequest([.. chunk.Users.Select(u => u.User.Id)], chunk.Input.CourseIds), tx, ct);
        await recorder.RecordAsync(chunk.Job, chunk.From, ChangeKinds.EnrollmentRemoved,
            ChangePayload.Group(removed, e => e.CourseId, e => ChangeGroup.Micros(e.EnrolledAt), e => e.UserId), tx, ct);
        return null;
    }
}
