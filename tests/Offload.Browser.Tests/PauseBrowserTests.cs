using Offload.Platform.Identity;

namespace Offload.Browser.Tests;

/// <summary>Pause then resume a running job from the list (issue 20): the row follows without a reload, and the job ends completed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PauseBrowserTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_running_job_is_paused_and_resumed_from_its_row_and_completes()
    {
        await fx.App.CreateUserAsync("pause-page", Roles.Superadmin);
        var api = await fx.App.ApiAsync("pause-page");
        // Paced: still running when the button is pressed, done a few seconds after the resume.
        var job = await api.ImportJobAsync(Csv.Users("pause-page-", 20_000), "pause-page.csv");
        var page = await fx.PageAsync("pause-page");
        await page.GotoAsync("/jobs");
        var row = page.Locator($"#job-{job.Id}");
        await Expect(row.Locator(".job-status")).ToHaveTextAsync("Running", new() { Timeout = 90_000 });

        await row.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(row.Locator(".job-status")).ToHaveTextAsync("Paused");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToBeHiddenAsync();
        var frozen = await row.Locator(".job-count").TextContentAsync();
        await Task.Delay(1000);
        await Expect(row.Locator(".job-count")).ToHaveTextAsync(frozen!);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/jobs$")); // no reload: the script used the API
        await Shots.TakeAsync(page, "jobs-paused-en.png", 1280, 700);
        // On a phone the paused row still offers its Resume button, which the rest of the test presses there.
        await Shots.TakeAsync(page, "jobs-paused-phone-en.png", Visitor.PhoneWidth, Visitor.PhoneHeight);

        await row.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(row.Locator(".job-status")).Not.ToHaveTextAsync("Paused");
        await Expect(row.Locator(".job-status")).ToHaveTextAsync("Completed", new() { Timeout = 90_000 });
        Assert.Equal("completed", (await api.WaitFinishedAsync(job.Id)).Status);
    }
}
