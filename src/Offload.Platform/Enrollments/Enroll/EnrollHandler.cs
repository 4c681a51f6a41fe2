using Offload.Jobs;
using Offload.Platform.MassActions;
using Offload.Platform.Users;

namespace Offload.Platform.Enrollments.Enroll;

/// <summary>enrollments.create: enroll each user in each course; already enrolled is a no-op, not an error.</summary>
public sealed class EnrollHandler(IUserStore users, IEnrollmentStore enrollments, JobFiles files, TimeProvider clock)
    : UserBatchHandler<EnrollJobInput>(users, files)
{
    public const string KindName = "enrollments.create";

    public override string Kind => KindName;

    protected override async Task<string?> ApplyAsync(BatchChunk<EnrollJobInput> chunk, ChunkTransaction tx, CancellationToken ct)
    {
        if (chunk.Users.Count > 0)
            await enrollments.EnrollAsync(new EnrollRequest([.. chunk.Users.Select(u => u.User.Id)], chunk.Input.CourseIds, clock.GetUtcNow()), tx, ct);
        return null;
    }
}
