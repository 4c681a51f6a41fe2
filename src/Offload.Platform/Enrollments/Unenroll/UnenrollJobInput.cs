using System.Text.Json.Serialization;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Enrollments.Unenroll;

/// <summary>An unenroll job's frozen input (JSON on its row): who asked, and the courses, checked to exist.</summary>
public sealed record UnenrollJobInput([property: JsonRequired] Actor Actor, [property: JsonRequired] IReadOnlyList<long> CourseIds)
    : ISelectionJobInput;
