using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Offload.Browser.Tests;

/// <summary>The Background Jobs page as Superadmins and Power Users see it (seed points 3, 5–7, 10–12).</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JobsPageTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_superadmin_reaches_the_page_from_the_gear_and_switches_between_all_jobs_and_my_jobs()
    {
        var powerUser = await fx.App.PowerUserAsync("tabs-pu");
        var mine = await (await fx.App.ApiAsync("admin")).ImportJobAsync(Csv.Users("tabs-a", 3), "admin-tabs.csv");
        var theirs = await powerUser.ImportJobAsync(Csv.Users("tabs-b", 3, "tabs-pu"), "pu-tabs.csv");
        var page = await fx.PageAsync("admin");

        await page.GotoAsync("/");
        await page.Locator("#admin-menu-button").ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin Menu" }).GetByRole(AriaRole.Link, new() { Name = "Background Jobs" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Background Jobs", Level = 1 })).ToBeVisibleAsync();
        await Expect(Tab(page, "All jobs")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Row(page, mine.Id)).ToBeVisibleAsync();
        await Expect(Row(page, theirs.Id)).ToBeVisibleAsync();
        await Expect(Row(page, theirs.Id).Locator(".job-owner")).ToHaveTextAsync("tabs-pu");

        await Tab(page, "My jobs").ClickAsync();
        await Expect(page).ToHaveURLAsync(ScopeMine());
        await Expect(Tab(page, "My jobs")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Row(page, mine.Id)).ToBeVisibleAsync();
        await Expect(Row(page, theirs.Id)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_power_user_sees_only_the_jobs_they_started_and_no_tabs()
    {
        var own = await (await fx.App.PowerUserAsync("own-pu")).ImportJobAsync(Csv.Users("own-a", 2, "own-pu"), "own.csv");
        var other = await (await fx.App.PowerUserAsync("other-pu")).ImportJobAsync(Csv.Users("own-b", 2, "other-pu"), "other.csv");
        var admins = await (await fx.App.ApiAsync("admin")).ImportJobAsync(Csv.Users("own-c", 2), "admins.csv");
        var page = await fx.PageAsync("own-pu");

        await page.GotoAsync("/jobs?scope=all");

        await Expect(Row(page, own.Id)).ToBeVisibleAsync();
        await Expect(Row(page, other.Id)).ToHaveCountAsync(0);
        await Expect(Row(page, admins.Id)).ToHaveCountAsync(0);
        await Expect(page.Locator("nav.tabs")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "All jobs" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Errors_show_beside_the_status_and_download_log_gives_the_error_rows()
    {
        var api = await fx.App.ApiAsync("admin");
        var job = await api.ImportJobAsync(Csv.Users("log-", 5, "", "log-bad,not-an-email,", "=cmd,formula@example.com,"), "with-errors.csv");
        await api.WaitFinishedAsync(job.Id);
        var page = await fx.PageAsync("admin");
        await page.GotoAsync("/jobs");

        await Expect(Status(page, job.Id)).ToHaveTextAsync("Completed");
        await Expect(Row(page, job.Id).Locator(".job-errors")).ToHaveTextAsync("2 errors");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            Row(page, job.Id).GetByRole(AriaRole.Link, new() { Name = "Download log" }).ClickAsync());
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).ToList();

        Assert.Equal("row,field,message,value", lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("7,email,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",not-an-email", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("8,", lines[2], StringComparison.Ordinal);
        Assert.Contains("'=cmd", lines[2], StringComparison.Ordinal); // spreadsheet-safe (SPEC §6)
    }

    [Fact]
    public async Task Trash_asks_first_then_removes_the_row_for_good()
    {
        var api = await fx.App.ApiAsync("admin");
        var job = await api.ImportJobAsync(Csv.Users("trash-", 2), "trash.csv");
        await api.WaitFinishedAsync(job.Id);
        var page = await fx.PageAsync("admin");
        await page.GotoAsync("/jobs");
        await Expect(Row(page, job.Id).GetByRole(AriaRole.Link, new() { Name = "Abort", Exact = true })).ToBeHiddenAsync();

        await Row(page, job.Id).GetByRole(AriaRole.Link, new() { Name = "Delete", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("removed for good");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete job" }).ClickAsync();

        await Expect(Row(page, job.Id)).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/jobs/{job.Id}")).StatusCode);
    }

    [Fact]
    public async Task More_than_a_hundred_jobs_load_page_by_page_and_filter_by_status()
    {
        var api = await fx.App.PowerUserAsync("many-pu");
        var learner = await fx.App.CreateUserAsync("many-learner", Roles.User, "en", (await fx.App.FindUserAsync("many-pu"))!.BranchIds[0]);
        for (var i = 0; i < 150; i++)
        {
            var response = await api.PostAsJsonAsync("/api/mass-actions/users-status", new { selection = new { userIds = new[] { learner } }, active = true });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await WaitAllFinishedAsync(api, 150);
        var page = await fx.PageAsync("many-pu");
        await page.GotoAsync("/jobs");
        var rows = page.Locator("#jobs tbody tr");

        await Expect(rows).ToHaveCountAsync(50);
        var more = page.GetByRole(AriaRole.Link, new() { Name = "Load more" });
        await more.ClickAsync();
        await Expect(rows).ToHaveCountAsync(100);
        await more.ClickAsync();
        await Expect(rows).ToHaveCountAsync(150);
        await Expect(more).ToHaveCountAsync(0);
        Assert.Equal(150, (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.jobId)")).Distinct().Count());

        await page.GetByLabel("Status").SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(StatusFailed());
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(page.Locator("#jobs-empty")).ToBeVisibleAsync();
        await page.GetByLabel("Status").SelectOptionAsync("completed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(page.Locator("#jobs tbody .job-status").First).ToHaveTextAsync("Completed");
    }

    private static async Task WaitAllFinishedAsync(HttpClient api, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while ((await api.GetFromJsonAsync<JobListBody>("/api/jobs?status=completed&limit=200"))!.Items.Count < count)
        {
            Assert.True(DateTime.UtcNow < until, "the jobs did not finish");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex("scope=mine")]
    private static partial Regex ScopeMine();

    [GeneratedRegex("status=failed")]
    private static partial Regex StatusFailed();
}
