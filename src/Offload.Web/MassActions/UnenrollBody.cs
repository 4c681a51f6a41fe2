using Offload.Platform.Enrollments.Unenroll;

namespace Offload.Web.MassActions;

/// <summary>POST /api/mass-actions/unenroll (and its preview): {selection, courseIds}.</summary>
internal sealed record UnenrollBody(SelectionDto? Selection, List<long>? CourseIds) : ISelectionBody<UnenrollInput>
{
    public UnenrollInput ToInput() => new(Selection?.ToRequest(), CourseIds);
}
