using Offload.Platform.Enrollments.Enroll;

namespace Offload.Web.MassActions;

/// <summary>POST /api/mass-actions/enroll (and its preview): {selection, courseIds, stopOnErrors?}.</summary>
internal sealed record EnrollBody(SelectionDto? Selection, List<long>? CourseIds, StopOnErrorsDto? StopOnErrors = null) : ISelectionBody<EnrollInput>
{
    public EnrollInput ToInput() => new(Selection?.ToRequest(), CourseIds);
}
