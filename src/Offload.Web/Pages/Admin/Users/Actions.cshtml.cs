using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Offload.Platform;
using Offload.Platform.Courses;
using Offload.Platform.Localization;
using Offload.Platform.Users.Export;
using Offload.Web.Auth;
using Offload.Web.MassActions;
using Offload.Web.Pages.Shared;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>
/// The selection actions without JavaScript, one plain form per step: the list posts its selection here, this page asks
/// for courses or columns when the action needs them, then states what will happen (the server's preview) and only the
/// confirmation's post starts the job and goes back to the screen it came from (post/redirect/get).
/// </summary>
internal sealed class ActionsModel(ICourseStore courses, ActionWords words, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>How many courses the picker lists at once; the search narrows them.</summary>
    public const int CoursesShown = 50;

    public enum Stage { Refused, PickCourses, PickColumns, Confirm }

    public Stage Shown { get; private set; }
    /// <summary>Null only when the form named no known action.</summary>
    public UserAction? Action { get; private set; }
    public SelectionForm Selection { get; private set; } = new();
    public IReadOnlyList<long> CourseIds { get; private set; } = [];
    public IReadOnlyList<string> Columns { get; private set; } = [];
    public string? CourseSearch { get; private set; }
    public IReadOnlyList<Course> CourseChoices { get; private set; } = [];
    public ActionConfirmation? Confirmation { get; private set; }
    public string? ErrorTitle { get; private set; }
    public string? ErrorDetail { get; private set; }
    /// <summary>"courses" when the course screen's Enroll users led here: the admin goes back there.</summary>
    public string? From { get; private set; }
    public string CancelUrl => From == "courses" ? "/admin/courses" : Selection.ListUrl();

    /// <summary>The confirmation's advanced error-rate stop, as typed; open when its value was refused.</summary>
    public StopOnErrorsField StopOnErrors { get; private set; } = new("action", null, null, ForImport: false);

    private ActionChoices Choices => new(Selection.ToRequest(), CourseIds, Columns);

    public IActionResult OnGet() => LocalRedirect("/admin/users");

    public async Task<IActionResult> OnPostAsync(SelectionForm selection, string? act, string? step, List<long> courseIds,
        List<string> columns, string? courseSearch, string? from, CancellationToken ct)
    {
        (Selection, CourseIds, Columns, CourseSearch, From) = (selection, courseIds, columns, courseSearch, from == "courses" ? from : null);
        StopOnErrors = StopOnErrors with { Percent = Request.Form["stopOnErrors.percent"], After = Request.Form["stopOnErrors.after"] };
        if (UserAction.Find(act) is not { } action) return Refuse(t["Choose an action"], t["Pick one of the actions on the Users screen."]);
        Action = action;
        if (!ModelState.IsValid) return Refuse(t["Invalid user id"], t["User ids are positive numbers."]);
        if (selection.IsEmpty) return Refuse(t["Choose the users"], t["Choose at least one user."]);
        switch (step)
        {
            case "review":
                return await ReviewAsync(ct);
            case "run":
                return await RunAsync(ct);
            case "search":
                return await PickAsync(ct);
            default:
                if (!action.NeedsPicker) return await ReviewAsync(ct);
                if (action.NeedsColumns) Columns = ExportColumns.All;
                return await PickAsync(ct);
        }
    }

    private async Task<IActionResult> ReviewAsync(CancellationToken ct)
    {
        var action = Action!;
        try
        {
            var preview = await action.PreviewAsync(HttpContext.RequestServices, Choices, User.ToActor(), ct);
            Confirmation = words.Confirm(action, preview, CourseIds.Distinct().Count(), User.ToActor());
            Shown = Stage.Confirm;
            return Page();
        }
        catch (RequestRejectedException e)
        {
            return await RejectedAsync(e, ct);
        }
    }

    private async Task<IActionResult> RunAsync(CancellationToken ct)
    {
        var action = Action!;
        try
        {
            var stop = StopOnErrorsDto.Resolve(StopOnErrorsForm.Of(Request.Form), null);
            var job = await action.StartAsync(HttpContext.RequestServices, Choices with { StopOnErrors = stop }, User.ToActor(), ct);
            var started = job.Id.ToString();
            return LocalRedirect(From == "courses" ? "/admin/courses?started=" + started : Selection.ListUrl(started));
        }
        catch (RequestRejectedException e)
        {
            return await RejectedAsync(e, ct);
        }
    }

    /// <summary>A refused choice of courses or columns is shown on the picker, next to it; anything else ends the steps.</summary>
    private async Task<IActionResult> RejectedAsync(RequestRejectedException e, CancellationToken ct)
    {
        (ErrorTitle, ErrorDetail) = words.Refusal(e);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        if (Action!.NeedsPicker && e.Field is "courseIds" or "columns") return await PickAsync(ct);
        if (e.Field.StartsWith(StopOnErrorsForm.Prefix, StringComparison.Ordinal))
        {
            // A number to fix on the confirmation itself, shown again with its field open.
            StopOnErrors = StopOnErrors with { Open = true };
            return await ReviewAsync(ct);
        }
        Shown = Stage.Refused;
        return Page();
    }

    private async Task<IActionResult> PickAsync(CancellationToken ct)
    {
        Shown = Action!.NeedsCourses ? Stage.PickCourses : Stage.PickColumns;
        if (Shown == Stage.PickCourses)
        {
            var all = await courses.ListAsync(new ListCoursesRequest(), ct);
            var search = CourseSearch?.Trim() ?? "";
            // The chosen courses stay listed (and checked) whatever is searched next, so a search never loses a choice.
            CourseChoices = [.. all.Where(c => CourseIds.Contains(c.Id)),
                .. all.Where(c => !CourseIds.Contains(c.Id) && (c.Code.Contains(search, StringComparison.OrdinalIgnoreCase)
                    || c.Title.Contains(search, StringComparison.OrdinalIgnoreCase))).Take(CoursesShown)];
        }
        return Page();
    }

    private PageResult Refuse(string title, string detail)
    {
        (ErrorTitle, ErrorDetail, Shown) = (title, detail, Stage.Refused);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
