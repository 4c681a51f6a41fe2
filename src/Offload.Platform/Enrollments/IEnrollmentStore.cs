using Offload.Jobs;

namespace Offload.Platform.Enrollments;

public sealed record Enrollment(long UserId, long CourseId, string CourseCode, string CourseTitle, DateTimeOffset EnrolledAt);

/// <summary>One user in one course: what an enroll created.</summary>
public readonly record struct EnrollmentPair(long UserId, long CourseId);

/// <summary>An enrollment an unenroll removed, with when it had been made (what an undo puts back).</summary>
public readonly record struct RemovedEnrollment(long UserId, long CourseId, DateTimeOffset EnrolledAt);

public interface IEnrollmentStore
{
    Task<IReadOnlyList<Enrollment>> ListForUserAsync(ListEnrollmentsRequest request, CancellationToken ct);

    /// <summary>
    /// Enrolls every user in every course, set-based; an existing enrollment is left as it is. Returns the pairs it
    /// created, and only those: already enrolled is no change.
    /// </summary>
    Task<IReadOnlyList<EnrollmentPair>> EnrollAsync(EnrollRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>Removes every user from every course; returns the enrollments it removed, with their dates.</summary>
    Task<IReadOnlyList<RemovedEnrollment>> UnenrollAsync(UnenrollRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>
    /// Undoes an enroll in one course: removes the users' enrollments that are still the ones made at
    /// <see cref="RemoveEnrolledAtRequest.EnrolledAt"/> (one made again since is left). Returns the users removed.
    /// </summary>
    Task<IReadOnlyList<long>> RemoveEnrolledAtAsync(RemoveEnrolledAtRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>
    /// Lets the database plan what follows on the enrollments as they are now: after a bulk enroll the statistics may
    /// not know its course yet (PostgreSQL analyzes a table only once a tenth of it changed, up to a minute later), and
    /// a keyed delete planned on the old ones reads every enrollment of the course, per statement.
    /// </summary>
    Task RefreshStatisticsAsync(ChunkTransaction tx, CancellationToken ct);
}

public sealed record ListEnrollmentsRequest(long UserId);

/// <param name="Now">When the enrollments are made; an undo passes the date the removed ones had.</param>
public sealed record EnrollRequest(IReadOnlyList<long> UserIds, IReadOnlyList<long> CourseIds, DateTimeOffset Now);

public sealed record UnenrollRequest(IReadOnlyList<long> UserIds, IReadOnlyList<long> CourseIds);

public sealed record RemoveEnrolledAtRequest(IReadOnlyList<long> UserIds, long CourseId, DateTimeOffset EnrolledAt);
