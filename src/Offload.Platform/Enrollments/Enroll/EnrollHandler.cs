using Offload.Jobs;
using Offload.Platform.MassActions;
using Offload.Platform.MassActions.Undo;
using Offload.Platform.Users;

namespace Offload.Platform.Enrollments.Enroll;

/// <summary>
/// enrollments.create: enroll each user in each course; already enrolled is a no-op, not an error. Each chunk records the
/// enrollments it created (per course, with their date) so an undo removes exactly those.
/// </summary>
public sealed class EnrollHandler(IUserStore users, IEnrollmentStore enrollments, JobFiles files, TimeProvider clock, ChangeRecorder recorder)
    : UserBatchHandler<EnrollJobInput>(users, files)
{
    public const string KindName = "enrollments.create";

    public override string Kind => KindName;

    protected override async Task<string?> ApplyAsync(BatchChunk<EnrollJobInput> chunk, ChunkTransaction tx, CancellationToken ct)
    {
        if (chunk.Users.Count == 0) return null;
        // Cut to what a record keeps, so an undo finds the enrollments by the very date they were given.
        var now = ChangeGroup.Truncate(clock.GetUtcNow());
        var created = await enrollments.EnrollAsync(new EnrollRequest([.. chunk.Users.Select(u => u.User.Id)], chunk.Input.CourseIds, now), tx, ct);
        var at = ChangeGroup.Micros(now);
        await recorder.RecordAsync(chunk.Job, chunk.From, ChangeKinds.EnrollmentCreated,
            ChangePayload.Group(created, p => p.CourseId, _ => at, p => p.UserId), tx, ct);
        return null;
    }
}
