using Offload.Platform.Courses;

namespace Offload.Platform.Enrollments;

/// <summary>The courses an enroll or unenroll asks for, checked before anything runs: at least one, each existing, each once.</summary>
public static class ChosenCourses
{
    public static async Task<IReadOnlyList<long>> RequireAsync(ICourseStore courses, IReadOnlyList<long>? courseIds, CancellationToken ct)
    {
        if (courseIds is null or { Count: 0 })
            throw new RequestRejectedException("Choose at least one course", "Send \"courseIds\": [...].", "courseIds");
        var wanted = courseIds.Distinct().ToList();
        var found = (await courses.ListAsync(new ListCoursesRequest(wanted), ct)).Select(c => c.Id).ToHashSet();
        if (wanted.FirstOrDefault(c => !found.Contains(c), -1) is var missing && missing != -1)
            throw new RequestRejectedException("Unknown course", "Course #{0} does not exist.", "courseIds", args: [missing]);
        return wanted;
    }
}
