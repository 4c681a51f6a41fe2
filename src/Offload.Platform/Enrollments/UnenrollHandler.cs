using Offload.Jobs;
using Offload.Platform.MassActions;
using Offload.Platform.Users;

namespace Offload.Platform.Enrollments;

/// <summary>enrollments.delete: remove each user from each course; not enrolled is a no-op.</summary>
public sealed class UnenrollHandler(IUserStore users, IEnrollmentStore enrollments, JobFiles files) : UserBatchHandler(users, files)
{
    public const string KindName = "enrollments.delete";

    /// <summary>Users per second when this node has not run one yet (not benchmarked: taken as enrolling's, so the figures cannot drift apart).</summary>
    public const double TypicalRate = EnrollHandler.TypicalRate;

    public override string Kind => KindName;

    protected override async Task<string?> ApplyAsync(BatchChunk chunk, ChunkTransaction tx, CancellationToken ct)
    {
        if (chunk.Users.Count > 0)
            await enrollments.UnenrollAsync(new UnenrollRequest([.. chunk.Users.Select(u => u.User.Id)], chunk.Input.CourseIds ?? []), tx, ct);
        return null;
    }
}
