using Offload.Platform.Selection;

namespace Offload.Platform.Enrollments.Enroll;

/// <summary>What enrolling asks for, from the API or the screens: the users, and the courses to enroll them in.</summary>
public sealed record EnrollInput(SelectionRequest? Selection, IReadOnlyList<long>? CourseIds);
