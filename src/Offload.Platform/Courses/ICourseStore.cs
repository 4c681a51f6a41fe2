namespace Offload.Platform.Courses;

public sealed record Course(long Id, string Code, string Title);

public interface ICourseStore
{
    Task<IReadOnlyList<Course>> ListAsync(ListCoursesRequest request, CancellationToken ct);

    /// <summary>The new course, or null when the code is taken.</summary>
    Task<Course?> CreateAsync(CreateCourseRequest request, CancellationToken ct);
}

/// <param name="Ids">Only these courses when set.</param>
public sealed record ListCoursesRequest(IReadOnlyList<long>? Ids = null);

public sealed record CreateCourseRequest(string Code, string Title);
