using System.Net.Http.Json;

namespace Offload.Browser.Tests;

/// <summary>Seed point 9: the arrow icon while a job runs, and the notification area it opens.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationAreaTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_arrow_shows_while_a_job_runs_and_its_area_shows_the_finished_job_until_marked_read()
    {
        var api = await fx.App.PowerUserAsync("notice-pu");
        var page = await fx.PageAsync("notice-pu");
        await page.GotoAsync("/");
        var arrow = page.Locator("#job-arrow");
        await Expect(arrow).ToHaveCountAsync(0);

        var job = await api.ImportJobAsync(Csv.Users("notice-", 9000, "notice-pu"), "notice.csv");
        await Expect(arrow).ToBeVisibleAsync();
        await Expect(arrow).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("running"));
        await arrow.ClickAsync();
        var panel = page.Locator("#job-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(arrow).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(panel.Locator(".job-panel-running li")).ToContainTextAsync("Import of notice.csv");
        await Expect(panel.Locator(".job-panel-running [role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", new System.Text.RegularExpressions.Regex("^[1-9]"));

        var finished = panel.Locator(".job-panel-finished li").Filter(new() { HasText = "Import of notice.csv" });
        await Expect(finished).ToContainTextAsync("completed", new() { Timeout = 60_000 });
        await Expect(panel.Locator(".job-panel-running li")).ToHaveCountAsync(0);
        await Expect(page.Locator("#job-unread")).ToHaveTextAsync("1 unread");
        await finished.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Expect(page.Locator("#job-unread")).ToBeHiddenAsync();
        Assert.Equal(0, (await api.GetFromJsonAsync<NoticesBody>("/api/notifications"))!.Unread);
        Assert.Equal("completed", (await api.WaitFinishedAsync(job.Id)).Status);

        // Nothing runs and nothing waits unread: the arrow is gone on the next page.
        await page.ReloadAsync();
        await Expect(arrow).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Without_javascript_the_arrow_is_a_link_to_the_notifications_page()
    {
        var api = await fx.App.PowerUserAsync("plain-notice-pu");
        await api.WaitFinishedAsync((await api.ImportJobAsync(Csv.Users("plain-notice-", 2, "plain-notice-pu"), "plain.csv")).Id);
        var page = await fx.PageAsync("plain-notice-pu", javaScript: false);
        await page.GotoAsync("/");

        await page.Locator("#job-arrow").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/notifications$"));
        await Expect(page.Locator("#notices li")).ToContainTextAsync("Import of plain.csv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Expect(page.Locator("#notices li.read")).ToHaveCountAsync(1);
        await Expect(page.Locator("#job-arrow")).ToHaveCountAsync(0);
    }

    private sealed record NoticesBody(long Unread);
}
