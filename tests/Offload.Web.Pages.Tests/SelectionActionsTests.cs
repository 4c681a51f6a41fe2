using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Tests;

/// <summary>
/// The selection actions without JavaScript (SPEC §9): the Users list posts its checkboxes or its filter to the step
/// page, which asks for courses or columns, states what will happen, and only its confirmation starts the job and
/// goes back to the list with a notice.
/// </summary>
public sealed partial class SelectionActionsTests(SelectionPagesApp fx) : IClassFixture<SelectionPagesApp>
{
    private const string Step = "/admin/users/actions";

    private static KeyValuePair<string, string> F(string name, object value) =>
        new(name, Convert.ToString(value, CultureInfo.InvariantCulture)!);

    private static KeyValuePair<string, string>[] Ids(params long[] ids) => [.. ids.Select(id => F("userIds", id))];

    private async Task<long[]> UsersAsync(string prefix, int count, long branch, bool active = true)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++) ids[i] = await fx.App.CreateUserAsync($"{prefix}{i + 1}", Roles.User, [branch], active: active);
        return ids;
    }

    /// <summary>Posts a step from the Users list (whose antiforgery token it reads first) and returns the answer and its decoded text.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> PostStepAsync(Browser browser, string listPage,
        params KeyValuePair<string, string>[] fields)
    {
        var response = await browser.SubmitAsync(listPage, fields, Step);
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static string Sentence(string html) =>
        SentencePattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No confirmation on the page:\n" + html);

    private static Guid StartedFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(StartedPattern().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    [Fact]
    public async Task Enroll_without_javascript_picks_courses_confirms_then_starts_the_job_and_shows_the_notice()
    {
        var branch = await fx.App.CreateBranchAsync("Enroll branch");
        var users = await UsersAsync("enr-", 3, branch);
        var course = await fx.CreateCourseAsync("ENR-101", "Enrolment basics");
        await fx.CreateCourseAsync("ENR-999", "Another course");
        var admin = await fx.App.AdminAsync();
        var before = await CountJobsAsync("enrollments.create");
        var list = "/admin/users?text=enr-";
        var (_, listHtml) = await admin.GetAsync(list);
        Assert.Contains("aria-label=\"Select enr-1\"", listHtml, StringComparison.Ordinal);
        // The list's own form posts to the step page with its antiforgery token (not only the sign-out form's).
        Assert.Matches("<form method=\"post\" id=\"user-selection\"[^>]*action=\"/admin/users/actions\"(?s:(?!</form>).)*name=\"__RequestVerificationToken\"", listHtml);

        var (picker, pickerHtml) = await PostStepAsync(admin, list, [F("act", "enroll"), F("text", "enr-"), .. Ids(users[0], users[1])]);
        Assert.Equal(HttpStatusCode.OK, picker.StatusCode);
        Assert.Contains("ENR-101", pickerHtml, StringComparison.Ordinal);
        var (_, searched) = await PostStepAsync(admin, list,
            [F("act", "enroll"), F("step", "search"), F("courseSearch", "basics"), .. Ids(users[0], users[1])]);
        Assert.Contains("ENR-101", searched, StringComparison.Ordinal);
        Assert.DoesNotContain("ENR-999", searched, StringComparison.Ordinal);

        var (confirm, confirmHtml) = await PostStepAsync(admin, list,
            [F("act", "enroll"), F("step", "review"), F("text", "enr-"), F("courseIds", course), .. Ids(users[0], users[1])]);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("Enroll 2 users in 1 course", Sentence(confirmHtml));
        Assert.Equal(before, await CountJobsAsync("enrollments.create")); // a confirmation starts nothing

        var started = await admin.SubmitAsync(list,
            [F("act", "enroll"), F("step", "run"), F("text", "enr-"), F("courseIds", course), .. Ids(users[0], users[1])], Step);
        var id = StartedFrom(started);
        Assert.StartsWith("/admin/users?text=enr-&started=", started.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var job = await fx.JobAsync(id);
        Assert.Equal(("enrollments.create", 2L), (job.Kind, job.Total));
        Assert.Equal([course], JsonDocument.Parse(job.Input).RootElement.GetProperty("courseIds").EnumerateArray().Select(e => e.GetInt64()));

        var (_, back) = await admin.GetAsync(started.Headers.Location.OriginalString);
        Assert.Contains("Job started: Enroll 2 users in 1 course. <a href=\"/jobs\">Follow it on Background Jobs</a>", back, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unenroll", "enrollments.delete", "Unenroll 2 users from 1 course: 2 not enrolled")]
    [InlineData("activate", "users.status", "Activate 2 users: 1 already active")]
    [InlineData("deactivate", "users.status", "Deactivate 2 users: 1 already inactive")]
    [InlineData("delete", "users.delete", "Delete 2 users")]
    [InlineData("export", "users.export", "Export 2 users")]
    public async Task Each_action_without_javascript_confirms_what_will_happen_then_starts_its_job(string act, string kind, string sentence)
    {
        var branch = await fx.App.CreateBranchAsync("Branch " + act);
        var active = await fx.App.CreateUserAsync($"{act}-on", Roles.User, [branch]);
        var inactive = await fx.App.CreateUserAsync($"{act}-off", Roles.User, [branch], active: false);
        var course = await fx.CreateCourseAsync("C-" + act, "Course " + act);
        var admin = await fx.App.AdminAsync();
        var list = $"/admin/users?text={act}-";
        KeyValuePair<string, string>[] chosen = [F("act", act), F("text", act + "-"), .. Ids(active, inactive), F("courseIds", course), F("columns", "username"), F("columns", "email")];

        var (first, firstHtml) = await PostStepAsync(admin, list, [F("act", act), .. Ids(active, inactive)]);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        if (act == "export") Assert.Equal(9, CheckedColumns().Count(firstHtml)); // every column, checked by default
        var (_, confirmHtml) = await PostStepAsync(admin, list, [.. chosen, F("step", "review")]);
        Assert.Equal(sentence, Sentence(confirmHtml));
        Assert.Equal(act == "delete", confirmHtml.Contains("This cannot be undone", StringComparison.Ordinal));

        var job = await fx.JobAsync(StartedFrom(await admin.SubmitAsync(list, [.. chosen, F("step", "run")], Step)));
        Assert.Equal((kind, 2L), (job.Kind, job.Total));
        var input = JsonDocument.Parse(job.Input).RootElement;
        if (act is "activate" or "deactivate") Assert.Equal(act == "activate", input.GetProperty("active").GetBoolean());
        if (act == "export") Assert.Equal(["username", "email"], input.GetProperty("columns").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Select_all_matching_sends_the_filter_and_the_job_takes_every_match()
    {
        var branch = await fx.App.CreateBranchAsync("Filter branch");
        await UsersAsync("flt-", 3, branch);
        await fx.App.CreateUserAsync("other-flt-x", Roles.User, [branch]);
        var admin = await fx.App.AdminAsync();
        var list = "/admin/users?text=flt-";

        var (_, html) = await admin.GetAsync(list + "&all=filter");
        html = WebUtility.HtmlDecode(html);
        Assert.Contains("Select all 4 users matching this filter", html, StringComparison.Ordinal); // "other-flt-x" matches too: more than the rows the page shows is not needed to say "all"
        Assert.Contains("4 users selected", html, StringComparison.Ordinal);
        Assert.Matches("<input type=\"hidden\" name=\"selectAll\" value=\"filter\" id=\"select-all-matching\"", html);

        KeyValuePair<string, string>[] form = [F("act", "deactivate"), F("selectAll", "filter"), F("text", "flt-")];
        var (_, confirmHtml) = await PostStepAsync(admin, list, [.. form, F("step", "review")]);
        Assert.Equal("Deactivate 4 users", Sentence(confirmHtml));
        var job = await fx.JobAsync(StartedFrom(await admin.SubmitAsync(list, [.. form, F("step", "run")], Step)));
        Assert.Equal(4, job.Total);
        await fx.App.RunQueuedJobsAsync();
        Assert.False((await fx.App.FindUserAsync("flt-3"))!.Active);
    }

    [Fact]
    public async Task A_power_user_sees_only_their_branches_and_a_forged_form_changes_no_one_else()
    {
        var mine = await fx.App.CreateBranchAsync("PU mine");
        var theirs = await fx.App.CreateBranchAsync("PU theirs");
        await fx.App.CreateUserAsync("scope-pu", Roles.PowerUser, [mine]);
        var inside = await fx.App.CreateUserAsync("scope-in", Roles.User, [mine]);
        var outside = await fx.App.CreateUserAsync("scope-out", Roles.User, [theirs]);
        var pu = await fx.App.SignedInAsync("scope-pu", PagesApp.PasswordOf("scope-pu"));
        var list = "/admin/users?text=scope-";

        var (_, html) = await pu.GetAsync(list);
        Assert.Contains("aria-label=\"Select scope-in\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("scope-out", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/admin/users/{inside}\"", html, StringComparison.Ordinal); // no edit links

        KeyValuePair<string, string>[] forged = [F("act", "deactivate"), .. Ids(inside, outside)];
        var (_, confirmHtml) = await PostStepAsync(pu, list, [.. forged, F("step", "review")]);
        Assert.Equal("Deactivate 2 users: 1 outside your branches or not yours to change", Sentence(confirmHtml));
        var job = await fx.JobAsync(StartedFrom(await pu.SubmitAsync(list, [.. forged, F("step", "run")], Step)));
        await fx.App.RunQueuedJobsAsync();
        Assert.Equal(1, (await fx.JobAsync(job.Id)).ErrorCount);
        Assert.False((await fx.App.FindUserAsync("scope-in"))!.Active);
        Assert.True((await fx.App.FindUserAsync("scope-out"))!.Active);
    }

    [Fact]
    public async Task Without_the_antiforgery_token_the_step_page_refuses_and_starts_nothing()
    {
        var branch = await fx.App.CreateBranchAsync("Forgery branch");
        var user = await fx.App.CreateUserAsync("csrf-victim", Roles.User, [branch]);
        var admin = await fx.App.AdminAsync();
        var before = await CountJobsAsync("users.delete");

        var response = await admin.PostAsync(Step, [F("act", "delete"), F("step", "run"), F("userIds", Convert.ToString(user, CultureInfo.InvariantCulture)!)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountJobsAsync("users.delete"));
        Assert.NotNull(await fx.App.FindUserAsync("csrf-victim"));
    }

    [Fact]
    public async Task Invalid_steps_say_why_on_the_page()
    {
        var branch = await fx.App.CreateBranchAsync("Invalid branch");
        var user = await fx.App.CreateUserAsync("invalid-1", Roles.User, [branch]);
        var admin = await fx.App.AdminAsync();
        var list = "/admin/users?text=invalid-";

        var (none, noneHtml) = await PostStepAsync(admin, list, [F("act", "activate")]);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Choose at least one user.", noneHtml, StringComparison.Ordinal);

        var (noCourse, noCourseHtml) = await PostStepAsync(admin, list, [F("act", "enroll"), F("step", "review"), F("userIds", user)]);
        Assert.Equal(HttpStatusCode.BadRequest, noCourse.StatusCode);
        Assert.Contains("Choose at least one course", noCourseHtml, StringComparison.Ordinal);
        Assert.Contains("name=\"courseSearch\"", noCourseHtml, StringComparison.Ordinal); // still on the picker

        var (forged, forgedHtml) = await PostStepAsync(admin, list, [F("act", "activate"), F("step", "review"), F("userIds", "1 OR 1=1")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("User ids are positive numbers.", forgedHtml, StringComparison.Ordinal);
        Assert.Contains("text/html", forged.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Started_shows_a_notice_only_for_a_job_the_viewer_may_see()
    {
        var branch = await fx.App.CreateBranchAsync("Notice branch");
        var user = await fx.App.CreateUserAsync("notice-1", Roles.User, [branch]);
        await fx.App.CreateUserAsync("notice-pu", Roles.PowerUser, [branch]);
        var admin = await fx.App.AdminAsync();
        var id = StartedFrom(await admin.SubmitAsync("/admin/users", [F("act", "activate"), F("step", "run"), F("userIds", user)], Step));

        var (_, own) = await admin.GetAsync($"/admin/users?started={id}");
        Assert.Contains("Job started: Activate 1 user.", own, StringComparison.Ordinal);
        var pu = await fx.App.SignedInAsync("notice-pu", PagesApp.PasswordOf("notice-pu"));
        foreach (var path in new[] { $"/admin/users?started={id}", $"/admin/courses?started={id}", "/admin/users?started=not-a-job" })
        {
            var (response, html) = await pu.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("class=\"started-notice\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Activate 1 user", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_course_screen_enrolls_the_users_of_a_filter_and_comes_back_with_the_notice()
    {
        var branch = await fx.App.CreateBranchAsync("Course branch");
        await UsersAsync("crs-", 2, branch);
        var course = await fx.CreateCourseAsync("CRS-200", "Course screen");
        var admin = await fx.App.AdminAsync();
        var (_, courses) = await admin.GetAsync("/admin/courses");
        Assert.Contains($"href=\"/admin/courses/{course}/enroll\"", courses, StringComparison.Ordinal);
        var page = $"/admin/courses/{course}/enroll?text=crs-";
        var (_, enrollHtml) = await admin.GetAsync(page);
        Assert.Contains("2 users match this filter.", enrollHtml, StringComparison.Ordinal);

        KeyValuePair<string, string>[] form = [F("act", "enroll"), F("from", "courses"), F("courseIds", course), F("selectAll", "filter"), F("text", "crs-")];
        var (_, confirmHtml) = await PostStepAsync(admin, page, [.. form, F("step", "review")]);
        Assert.Equal("Enroll 2 users in 1 course", Sentence(confirmHtml));
        var started = await admin.SubmitAsync(page, [.. form, F("step", "run")], Step);
        var id = StartedFrom(started);
        Assert.Equal($"/admin/courses?started={id}", started.Headers.Location!.OriginalString);
        Assert.Equal(2, (await fx.JobAsync(id)).Total);
        var (_, back) = await admin.GetAsync(started.Headers.Location.OriginalString);
        Assert.Contains("Job started: Enroll 2 users in 1 course.", back, StringComparison.Ordinal);
    }

    /// <summary>How many jobs of a kind exist: the tests of a class run one after the other, so a count that did not move means nothing started.</summary>
    private async Task<int> CountJobsAsync(string kind)
    {
        var admin = await fx.App.AdminAsync();
        var (_, json) = await admin.GetAsync("/api/jobs?scope=all&limit=100");
        return JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Count(j => j.GetProperty("kind").GetString() == kind);
    }

    [GeneratedRegex("<p class=\"confirm-sentence\">([^<]*)</p>")]
    private static partial Regex SentencePattern();

    [GeneratedRegex("[?&]started=([0-9a-f-]{36})")]
    private static partial Regex StartedPattern();

    [GeneratedRegex("name=\"columns\" value=\"[a-z]+\" checked=\"checked\"")]
    private static partial Regex CheckedColumns();
}
