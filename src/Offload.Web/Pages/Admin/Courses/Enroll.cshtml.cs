using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Platform.Branches;
using Offload.Platform.Courses;
using Offload.Platform.MassActions;
using Offload.Platform.Users;
using Offload.Web.Auth;
using Offload.Web.Pages.Admin.Users;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Admin.Courses;

/// <summary>
/// A course's Enroll users: the users are picked by the Users screen's filter (with how many it matches), and the
/// filter goes to the same step page as the Users screen's Enroll, with this course already chosen.
/// </summary>
internal sealed class EnrollModel(ICourseStore courses, IBranchStore branches, SelectionJobs selections) : PageModel
{
    public Course Course { get; private set; } = null!;
    public SelectionForm Filter { get; private set; } = new();
    public IReadOnlyList<Branch> Branches { get; private set; } = [];
    public long Matching { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? text, long? branch, bool? active, CancellationToken ct)
    {
        if ((await courses.ListAsync(new ListCoursesRequest([id]), ct)).FirstOrDefault() is not { } course) return NotFound();
        var actor = User.ToActor();
        Course = course;
        Filter = new SelectionForm { SelectAll = SelectionForm.AllMatching, Text = text, Branch = branch, Active = active };
        Branches = await branches.ListAsync(new ListBranchesRequest(actor.Branches()), ct);
        Matching = await selections.CountMatchingAsync(Filter.Filter, actor, ct);
        return Page();
    }
}
