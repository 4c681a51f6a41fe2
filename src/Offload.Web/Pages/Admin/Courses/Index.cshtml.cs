using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Offload.Platform.Localization;
using Offload.Platform.Courses;
using Offload.Jobs.Storage;
using Offload.Platform.Notifications;
using Offload.Web.Auth;
using Offload.Web.Pages.Shared;

namespace Offload.Web.Pages.Admin.Courses;

/// <summary>Superadmins and Power Users see the catalogue and enroll users in a course from it; only Superadmins add to it.</summary>
internal sealed class IndexModel(ICourseStore courses, IStringLocalizer<SharedResource> t, IJobMonitor monitor, JobDescriptions descriptions)
    : PageModel
{
    public const int MaxCodeLength = 50;
    public const int MaxTitleLength = 200;

    [BindProperty]
    public CourseInput Input { get; set; } = new();

    public IReadOnlyList<Course> Items { get; private set; } = [];
    public bool MayCreate { get; private set; }
    /// <summary>The description of the enrollment just started from here (Enroll users), when the viewer may see it.</summary>
    public string? Started { get; private set; }

    public async Task OnGetAsync(string? started, CancellationToken ct)
    {
        await LoadAsync(ct);
        Started = await StartedNotice.DescribeAsync(monitor, descriptions, User.ToActor(), started, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!MayCreate) return Forbid();
        var code = Input.Code?.Trim() ?? "";
        var title = Input.Title?.Trim() ?? "";
        if (code.Length == 0) ModelState.AddModelError("Input.Code", t["The code is required."]);
        else if (code.Length > MaxCodeLength) ModelState.AddModelError("Input.Code", t["The code is longer than {0} characters.", MaxCodeLength]);
        if (title.Length == 0) ModelState.AddModelError("Input.Title", t["The title is required."]);
        else if (title.Length > MaxTitleLength) ModelState.AddModelError("Input.Title", t["The title is longer than {0} characters.", MaxTitleLength]);
        if (!ModelState.IsValid) return Page();
        if (await courses.CreateAsync(new CreateCourseRequest(code, title), ct) is null)
        {
            ModelState.AddModelError("Input.Code", t["A course with this code already exists."]);
            return Page();
        }
        return Redirect("/admin/courses");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayCreate = User.ToActor().IsSuperadmin;
        Items = await courses.ListAsync(new ListCoursesRequest(), ct);
    }

    public sealed class CourseInput
    {
        public string? Code { get; set; }
        public string? Title { get; set; }
    }
}
