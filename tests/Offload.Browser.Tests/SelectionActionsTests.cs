using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Offload.Browser.Tests;

/// <summary>
/// Issue 17: every selection action started from the screens with JavaScript — pick, preview, confirm in a dialog,
/// no reload — as a Superadmin and as a Power User; the course screen's Enroll users; the plain-form path; a phone;
/// the keyboard alone; axe on the dialog's states.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SelectionActionsTests(BrowserFixture fx)
{
    private sealed record Seeded(string User, string Prefix, string CourseCode, long CourseId);

    private sealed record CourseBody(long Id, string Code, string Title);

    /// <summary>Six learners (the 3rd and 4th active, the 5th and 6th not) in a branch of the acting user, and a course.</summary>
    private async Task<Seeded> SeedAsync(string name, string role)
    {
        long branch;
        if (role == Roles.PowerUser)
        {
            await fx.App.PowerUserAsync(name);
            branch = (await fx.App.FindUserAsync(name))!.BranchIds[0];
        }
        else
        {
            branch = await fx.App.CreateBranchAsync(name);
            await fx.App.CreateUserAsync(name, Roles.Superadmin, "en", branch);
        }
        for (var i = 1; i <= 6; i++) await fx.App.AddUserAsync($"{name}-l{i}", Roles.User, [branch], active: i <= 4);
        var admin = await fx.App.ApiAsync("admin");
        var code = name.ToUpperInvariant() + "-101";
        var created = await admin.PostAsJsonAsync("/api/courses", new { code, title = "Course of " + name });
        created.EnsureSuccessStatusCode();
        return new Seeded(name, name + "-l", code, (await created.Content.ReadFromJsonAsync<CourseBody>())!.Id);
    }

    private static ILocator Bar(IPage page) => page.Locator(".selection-bar");

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    private static async Task SelectAsync(IPage page, params string[] usernames)
    {
        foreach (var username in usernames) await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select " + username, Exact = true }).CheckAsync();
    }

    private static Task ActAsync(IPage page, string action) =>
        Bar(page).GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();

    private static async Task PickCourseAsync(IPage page, string code)
    {
        await Dialog(page).GetByLabel("Search by code or title").FillAsync(code);
        await Dialog(page).GetByLabel(code).CheckAsync();
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    /// <summary>Checks the dialog's sentence, confirms, and waits for the notice; the selection is then empty.</summary>
    private static async Task ConfirmAsync(IPage page, string button, Regex sentence, string notice)
    {
        await Expect(Dialog(page).Locator(".confirm-sentence")).ToHaveTextAsync(sentence);
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(Dialog(page)).ToBeHiddenAsync();
        await Expect(page.Locator("#started-notice")).ToContainTextAsync(notice);
        await Expect(page.Locator("#selection-count")).ToHaveTextAsync("No user selected");
    }

    [Theory]
    [InlineData(Roles.Superadmin)]
    [InlineData(Roles.PowerUser)]
    public async Task Every_action_starts_from_the_users_screen_in_a_dialog_without_reloading(string role)
    {
        var s = await SeedAsync(role == Roles.PowerUser ? "selpu" : "selsa", role);
        var page = await fx.PageAsync(s.User);
        await page.GotoAsync($"/admin/users?text={s.Prefix}");
        await MarkAsync(page);

        await SelectAsync(page, s.Prefix + "1", s.Prefix + "2");
        await Expect(page.Locator("#selection-count")).ToHaveTextAsync("2 users selected");
        await ActAsync(page, "Enroll");
        await PickCourseAsync(page, s.CourseCode);
        await ConfirmAsync(page, "Enroll", new("^Enroll 2 users in 1 course$"), "Job started: Enroll 2 users in 1 course.");

        await SelectAsync(page, s.Prefix + "1", s.Prefix + "2");
        await ActAsync(page, "Unenroll");
        await PickCourseAsync(page, s.CourseCode);
        // The enrollment may still be running: how many are not enrolled yet depends on it.
        await ConfirmAsync(page, "Unenroll", new("^Unenroll 2 users from 1 course"), "Job started: Unenroll 2 users from 1 course.");

        await SelectAsync(page, s.Prefix + "3", s.Prefix + "5");
        await ActAsync(page, "Activate");
        await ConfirmAsync(page, "Activate", new("^Activate 2 users: 1 already active$"), "Job started: Activate 2 users.");

        await SelectAsync(page, s.Prefix + "4");
        await ActAsync(page, "Deactivate");
        await ConfirmAsync(page, "Deactivate", new("^Deactivate 1 user$"), "Job started: Deactivate 1 user.");

        await SelectAsync(page, s.Prefix + "6");
        await ActAsync(page, "Delete");
        await Expect(Dialog(page).Locator(".confirm-warning")).ToContainTextAsync("This cannot be undone");
        await ConfirmAsync(page, "Delete", new("^Delete 1 user$"), "Job started: Delete 1 user.");

        await SelectAsync(page, s.Prefix + "1", s.Prefix + "2");
        await ActAsync(page, "Export");
        await Dialog(page).GetByRole(AriaRole.Checkbox, new() { Name = "Email" }).UncheckAsync();
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await ConfirmAsync(page, "Export", new("^Export 2 users$"), "Job started: Export of 2 users.");
        Assert.True(await StillMarkedAsync(page), "no action reloaded the page");

        var api = await fx.App.ApiAsync(s.User);
        var jobs = (await api.GetFromJsonAsync<JobListBody>("/api/jobs?scope=mine&limit=10"))!.Items;
        Assert.Equal(["users.export", "users.delete", "users.status", "users.status", "enrollments.delete", "enrollments.create"], jobs.Select(j => j.Kind));
        Assert.Equal([2L, 1, 1, 2, 2, 2], jobs.Select(j => j.Total));
        var export = await api.WaitFinishedAsync(jobs[0].Id);
        var csv = await api.GetStringAsync($"/api/jobs/{export.Id}/result");
        Assert.StartsWith("id,username,firstname,lastname,language,active,role,branches", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        await api.WaitFinishedAsync(jobs[1].Id);
        Assert.Null(await fx.App.FindUserAsync(s.Prefix + "6"));
    }

    [Fact]
    public async Task Select_all_matching_selects_the_whole_filter_and_the_job_takes_every_match()
    {
        var s = await SeedAsync("selall", Roles.Superadmin);
        var page = await fx.PageAsync(s.User);
        await page.GotoAsync($"/admin/users?text={s.Prefix}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Select all 6 users matching this filter" }).ClickAsync();
        await Expect(page.Locator("#selection-count")).ToHaveTextAsync("6 users selected");
        await ActAsync(page, "Deactivate");
        await ConfirmAsync(page, "Deactivate", new("^Deactivate 6 users: 2 already inactive$"), "Job started: Deactivate 6 users.");
    }

    [Fact]
    public async Task A_refused_step_says_why_in_the_dialog_and_offers_nothing_to_confirm()
    {
        var s = await SeedAsync("selrefused", Roles.Superadmin);
        var page = await fx.PageAsync(s.User);
        await page.GotoAsync($"/admin/users?text={s.Prefix}");
        await SelectAsync(page, s.Prefix + "1");
        await ActAsync(page, "Enroll");
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Dialog(page).GetByRole(AriaRole.Alert)).ToHaveTextAsync("Choose at least one course");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#selection-count")).ToHaveTextAsync("1 user selected"); // cancelling keeps the selection

        // A confirmation was on offer last time the dialog opened: the refused one below must not show it again.
        await ActAsync(page, "Activate");
        await Expect(Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Activate", Exact = true })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        // The filter no longer matches anyone by the time the preview asks (as if they were all deleted meanwhile).
        await page.GetByRole(AriaRole.Link, new() { Name = "Select all 6 users matching this filter" }).ClickAsync();
        await page.Locator("#user-selection input[name=text]").EvaluateAsync("input => input.value = 'nobody-at-all'");
        await ActAsync(page, "Deactivate");
        await Expect(Dialog(page).GetByRole(AriaRole.Alert)).ToContainTextAsync("No user matches the filter");
        await Expect(Dialog(page).Locator(".mass-confirm")).ToBeHiddenAsync();
        await Expect(Dialog(page).Locator(".mass-continue")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_course_screen_enrolls_the_users_of_a_filter()
    {
        var s = await SeedAsync("selcrs", Roles.Superadmin);
        var page = await fx.PageAsync(s.User);
        await page.GotoAsync("/admin/courses");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Enroll users in {s.CourseCode}" }).ClickAsync();
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(s.Prefix);
        await page.GetByLabel("Status").SelectOptionAsync("true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("#matching-count")).ToHaveTextAsync("4 users match this filter.");
        await Shots.TakeAsync(page, "course-enroll-en.png", 1280, 800);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Dialog(page).Locator(".confirm-sentence")).ToHaveTextAsync("Enroll 4 users in 1 course");
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Enroll", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/courses\\?started="));
        await Expect(page.Locator("#started-notice")).ToContainTextAsync("Job started: Enroll 4 users in 1 course.");
    }

    [Fact]
    public async Task Without_javascript_an_action_goes_through_its_step_page_and_comes_back_with_the_notice()
    {
        var s = await SeedAsync("selplain", Roles.PowerUser);
        var page = await fx.PageAsync(s.User, javaScript: false);
        await page.GotoAsync($"/admin/users?text={s.Prefix}");
        await SelectAsync(page, s.Prefix + "1", s.Prefix + "2");
        await ActAsync(page, "Enroll");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enroll users" })).ToBeVisibleAsync();
        await page.GetByLabel("Search by code or title").FillAsync(s.CourseCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByLabel(s.CourseCode).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".confirm-sentence")).ToHaveTextAsync("Enroll 2 users in 1 course");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enroll", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users\\?text=selplain-l&started="));
        await Expect(page.Locator("#started-notice")).ToContainTextAsync("Job started: Enroll 2 users in 1 course.");
    }

    [Fact]
    public async Task On_a_390px_phone_the_bar_wraps_the_page_never_scrolls_sideways_and_the_dialog_fits()
    {
        var s = await SeedAsync("selphone", Roles.Superadmin);
        var page = await fx.PageAsync(s.User);
        await page.SetViewportSizeAsync(Visitor.PhoneWidth, Visitor.PhoneHeight);
        await page.GotoAsync($"/admin/users?text={s.Prefix}");
        await SelectAsync(page, s.Prefix + "1");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "no sideways scroll");
        await ActAsync(page, "Enroll");
        await PickCourseAsync(page, s.CourseCode);
        await Expect(Dialog(page).Locator(".confirm-sentence")).ToHaveTextAsync("Enroll 1 user in 1 course");
        var box = (await Dialog(page).BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= Visitor.PhoneWidth, $"the dialog spans {box.X}..{box.X + box.Width}px");
        await Shots.TakeAsync(page, "users-confirm-phone-en.png", Visitor.PhoneWidth, Visitor.PhoneHeight);
        await ConfirmAsync(page, "Enroll", new("^Enroll 1 user in 1 course$"), "Job started: Enroll 1 user in 1 course.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "no sideways scroll with the notice");
    }

    [Fact]
    public async Task The_keyboard_alone_selects_opens_the_dialog_escapes_it_and_confirms()
    {
        var s = await SeedAsync("selkeys", Roles.Superadmin);
        var page = await fx.PageAsync(s.User);
        await page.GotoAsync($"/admin/users?text={s.Prefix}");
        var row = page.GetByRole(AriaRole.Checkbox, new() { Name = "Select " + s.Prefix + "5", Exact = true });
        await row.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#selection-count")).ToHaveTextAsync("1 user selected");
        var activate = Bar(page).GetByRole(AriaRole.Button, new() { Name = "Activate", Exact = true });
        for (var i = 0; i < 20 && !await activate.EvaluateAsync<bool>("b => b === document.activeElement"); i++) await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(activate).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        var confirm = Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Activate", Exact = true });
        await Expect(confirm).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(Dialog(page)).ToBeHiddenAsync();
        await Expect(activate).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(confirm).ToBeFocusedAsync();
        await Expect(Dialog(page).Locator(".confirm-sentence")).ToHaveTextAsync("Activate 1 user");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#started-notice")).ToContainTextAsync("Job started: Activate 1 user.");
        await Expect(page.Locator("#started-notice a")).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task The_selection_and_the_dialogs_steps_pass_axe(string culture)
    {
        var s = await SeedAsync("selaxe" + culture, Roles.Superadmin);
        var page = await fx.PageAsync(s.User, culture == "fr" ? "fr-FR" : "en-GB");
        await page.GotoAsync($"/admin/users?text={s.Prefix}&culture={culture}");
        var found = new List<string>();
        await page.Locator("input[name=userIds]").First.CheckAsync();
        found.AddRange(await AccessibilityTests.SeriousAsync(page, "a selection"));
        await page.Locator(".selection-bar button[value=enroll]").ClickAsync();
        await Expect(Dialog(page).Locator("#mass-course-search")).ToBeFocusedAsync();
        found.AddRange(await AccessibilityTests.SeriousAsync(page, "the course picker"));
        await Dialog(page).Locator("#mass-course-search").FillAsync(s.CourseCode);
        await Dialog(page).GetByLabel(s.CourseCode).CheckAsync();
        await Dialog(page).Locator(".mass-continue").ClickAsync();
        await Expect(Dialog(page).Locator(".confirm-sentence")).Not.ToBeEmptyAsync();
        found.AddRange(await AccessibilityTests.SeriousAsync(page, "the confirmation"));
        if (culture == "fr")
        {
            await Expect(Dialog(page).Locator(".confirm-sentence")).ToHaveTextAsync("Inscrire 1 utilisateur à 1 cours");
            await Shots.TakeAsync(page, "users-confirm-enroll-fr.png", 1280, 800);
        }
        await page.Keyboard.PressAsync("Escape");
        if (culture == "en")
        {
            await Expect(page.Locator("#selection-count")).ToHaveTextAsync("1 user selected");
            await Shots.TakeAsync(page, "users-selection-en.png", 1280, 800);
        }
        Assert.True(found.Count == 0, string.Join('\n', found));
    }
}
