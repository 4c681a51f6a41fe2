using Offload.Platform.Selection;

namespace Offload.Platform.Enrollments.Unenroll;

/// <summary>What unenrolling asks for, from the API or the screens: the users, and the courses to remove them from.</summary>
public sealed record UnenrollInput(SelectionRequest? Selection, IReadOnlyList<long>? CourseIds);
