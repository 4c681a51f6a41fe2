using Offload.Jobs;
using Offload.Platform.Courses;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Enrollments.Enroll;

/// <summary>Enroll a selection of users in courses: the courses checked, then a preview or a job on the frozen selection.</summary>
public sealed class EnrollAction(SelectionJobs selections, ICourseStore courses) : ISelectionAction<EnrollInput>
{
    public async Task<Job> StartAsync(EnrollInput input, Actor actor, StopOnErrors? stopOnErrors, CancellationToken ct)
    {
        var chosen = await ChosenCourses.RequireAsync(courses, input.CourseIds, ct);
        return await selections.StartAsync(EnrollHandler.KindName,
            n => $"Enroll {SelectionJobs.Count(n, "user")} in {SelectionJobs.Count(chosen.Count, "course")}",
            input.Selection, new EnrollJobInput(actor, chosen), stopOnErrors, ct);
    }

    /// <summary>No change for those already enrolled in every chosen course.</summary>
    public async Task<ActionPreview> PreviewAsync(EnrollInput input, Actor actor, CancellationToken ct)
    {
        var chosen = await ChosenCourses.RequireAsync(courses, input.CourseIds, ct);
        var (total, c) = await selections.CountAsync(input.Selection, actor, null, chosen, ct);
        return selections.Preview(EnrollHandler.KindName, SelectionJobs.TypicalRate, total, c, noChange: c.EnrolledInAll);
    }
}
