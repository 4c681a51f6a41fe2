namespace Offload.Browser.Tests;

/// <summary>With JavaScript off the page still does everything, by links, forms and reloads (SPEC §6).</summary>
[Collection(BrowserCollection.Name)]
public sealed class NoScriptTests(BrowserFixture fx)
{
    [Fact]
    public async Task X_and_trash_confirm_on_a_page_of_their_own_and_a_reload_shows_progress()
    {
        var api = await fx.App.PowerUserAsync("plain-pu");
        var job = await api.ImportJobAsync(Csv.Users("plain-", 50_000, "plain-pu"), "plain.csv");
        var page = await fx.PageAsync("plain-pu", javaScript: false);
        await page.GotoAsync("/jobs");
        var first = await ProcessedAsync(page, job.Id);
        await Task.Delay(700);
        await page.ReloadAsync();
        Assert.True(await ProcessedAsync(page, job.Id) > first, "a reload shows the job further on");

        await Row(page, job.Id).GetByRole(AriaRole.Link, new() { Name = "Abort", Exact = true }).ClickAsync();
        await Expect(page.Locator("#job-confirm-page")).ToContainTextAsync("Items already processed stay processed. Aborting cannot be undone.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abort job" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/jobs$"));
        await api.WaitFinishedAsync(job.Id);
        await page.ReloadAsync();
        await Expect(Status(page, job.Id)).ToHaveTextAsync("Aborted");

        await Row(page, job.Id).GetByRole(AriaRole.Link, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.Locator("#job-confirm-page")).ToContainTextAsync("removed for good");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete job" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/jobs$"));
        await Expect(Row(page, job.Id)).ToHaveCountAsync(0);
    }
}
