using Offload.Platform.Enrollments.Unenroll;

namespace Offload.Web.MassActions;

/// <summary>POST /api/mass-actions/unenroll (and its preview): {selection, courseIds, stopOnErrors?}.</summary>
internal sealed record UnenrollBody(SelectionDto? Selection, List<long>? CourseIds, StopOnErrorsDto? StopOnErrors = null) : ISelectionBody<UnenrollInput>
{
    public UnenrollInput ToInput() => new(Selection?.ToRequest(), CourseIds);
}
