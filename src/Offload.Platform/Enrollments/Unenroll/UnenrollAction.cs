using Offload.Jobs;
using Offload.Platform.Courses;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Enrollments.Unenroll;

/// <summary>Remove a selection of users from courses: the courses checked, then a preview or a job on the frozen selection.</summary>
public sealed class UnenrollAction(SelectionJobs selections, ICourseStore courses) : ISelectionAction<UnenrollInput>
{
    public async Task<Job> StartAsync(UnenrollInput input, Actor actor, StopOnErrors? stopOnErrors, CancellationToken ct)
    {
        var chosen = await ChosenCourses.RequireAsync(courses, input.CourseIds, ct);
        return await selections.StartAsync(UnenrollHandler.KindName,
            n => $"Unenroll {SelectionJobs.Count(n, "user")} from {SelectionJobs.Count(chosen.Count, "course")}",
            input.Selection, new UnenrollJobInput(actor, chosen), stopOnErrors, ct);
    }

    /// <summary>No change for those enrolled in none of the chosen courses.</summary>
    public async Task<ActionPreview> PreviewAsync(UnenrollInput input, Actor actor, CancellationToken ct)
    {
        var chosen = await ChosenCourses.RequireAsync(courses, input.CourseIds, ct);
        var (total, c) = await selections.CountAsync(input.Selection, actor, null, chosen, ct);
        return selections.Preview(UnenrollHandler.KindName, SelectionJobs.TypicalRate, total, c, noChange: c.ActedOn - c.EnrolledInAny);
    }
}
