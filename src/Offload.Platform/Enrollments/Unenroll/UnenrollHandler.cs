using Offload.Jobs;
using Offload.Platform.MassActions;
using Offload.Platform.Users;

namespace Offload.Platform.Enrollments.Unenroll;

/// <summary>enrollments.delete: remove each user from each course; not enrolled is a no-op.</summary>
public sealed class UnenrollHandler(IUserStore users, IEnrollmentStore enrollments, JobFiles files) : UserBatchHandler<UnenrollJobInput>(users, files)
{
    public const string KindName = "enrollments.delete";

    public override string Kind => KindName;

    protected override async Task<string?> ApplyAsync(BatchChunk<UnenrollJobInput> chunk, ChunkTransaction tx, CancellationToken ct)
    {
        if (chunk.Users.Count > 0)
            await enrollments.UnenrollAsync(new UnenrollRequest([.. chunk.Users.Select(u => u.User.Id)], chunk.Input.CourseIds), tx, ct);
        return null;
    }
}
