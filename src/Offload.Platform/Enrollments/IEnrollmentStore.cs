using Offload.Jobs;

namespace Offload.Platform.Enrollments;

public sealed record Enrollment(long UserId, long CourseId, string CourseCode, string CourseTitle, DateTimeOffset EnrolledAt);

public interface IEnrollmentStore
{
    Task<IReadOnlyList<Enrollment>> ListForUserAsync(ListEnrollmentsRequest request, CancellationToken ct);

    /// <summary>Enrolls every user in every course, set-based; an existing enrollment is left as it is.</summary>
    Task EnrollAsync(EnrollRequest request, ChunkTransaction tx, CancellationToken ct);

    Task UnenrollAsync(UnenrollRequest request, ChunkTransaction tx, CancellationToken ct);
}

public sealed record ListEnrollmentsRequest(long UserId);

public sealed record EnrollRequest(IReadOnlyList<long> UserIds, IReadOnlyList<long> CourseIds, DateTimeOffset Now);

public sealed record UnenrollRequest(IReadOnlyList<long> UserIds, IReadOnlyList<long> CourseIds);
