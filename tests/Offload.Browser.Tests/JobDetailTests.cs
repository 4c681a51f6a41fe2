using System.Text.RegularExpressions;
using Offload.Platform.Identity;
using Xunit.Abstractions;

namespace Offload.Browser.Tests;

/// <summary>A job's own page (issue 19): live while its job runs, reachable by keyboard, in pictures.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JobDetailTests(BrowserFixture fx, ITestOutputHelper output) : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "offload-screenshots-" + Guid.NewGuid().ToString("N"));

    private static ILocator Bar(IPage page) => page.Locator("#job-detail").GetByRole(AriaRole.Progressbar);

    private static ILocator Steps(IPage page) => page.Locator("#job-timeline .timeline-what");

    private static async Task<int> PercentAsync(IPage page) =>
        int.Parse(await Bar(page).GetAttributeAsync("aria-valuenow") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_page_follows_a_running_job_its_bar_time_left_and_timeline_without_reload()
    {
        await fx.App.CreateUserAsync("detail-live", Roles.Superadmin);
        var api = await fx.App.ApiAsync("detail-live");
        var job = await api.ImportJobAsync(Csv.Users("detail-live-", 9000), "detail-live.csv");
        var page = await fx.PageAsync("detail-live");
        await page.GotoAsync($"/jobs/{job.Id}");
        await MarkAsync(page);

        var seen = new List<int>();
        // Other tests' jobs may hold the workers for a while: the page says when this one starts, and then its time left.
        await Expect(page.Locator(".job-status")).ToHaveTextAsync("Running", new() { Timeout = 90_000 });
        await Expect(page.Locator(".job-eta")).ToHaveTextAsync(new Regex("^About \\d"), new() { Timeout = 30_000 });
        seen.Add(await PercentAsync(page));
        await ShootAsync(page, "job-running-en.png", 1280, 800);
        await Expect(page.Locator(".job-elapsed")).ToHaveTextAsync(new Regex("\\d+ s$"));
        while (seen[^1] < 100)
        {
            var percent = await PercentAsync(page);
            if (percent > seen[^1]) seen.Add(percent);
            await Task.Delay(50);
        }
        output.WriteLine($"bar values {string.Join(", ", seen)}");
        Assert.True(seen.Count(p => p is > 0 and < 100) >= 2, $"the bar moved through {string.Join(", ", seen)}");
        await Expect(page.Locator(".job-status")).ToHaveTextAsync("Completed");
        await Expect(Steps(page)).ToHaveTextAsync(["Created by detail-live", "Started", "Completed"]);
        await Expect(page.Locator(".job-eta")).ToHaveCountAsync(0);
        await Expect(page.Locator("#job-delete")).ToBeVisibleAsync();
        Assert.True(await StillMarkedAsync(page), "the page was reloaded");
    }

    [Fact]
    public async Task Every_button_of_a_running_then_a_finished_job_is_reached_by_keyboard()
    {
        await fx.App.CreateUserAsync("detail-keys", Roles.Superadmin);
        var api = await fx.App.ApiAsync("detail-keys");
        var finished = await api.ImportJobAsync(Csv.Users("detail-keys-", 20, "", "detail-keys-x,not-an-email,"), "keys.csv");
        await api.WaitFinishedAsync(finished.Id);
        var running = await api.ImportJobAsync(Csv.Users("detail-keys-run-", 50_000), "keys-run.csv");
        var page = await fx.PageAsync("detail-keys");

        await page.GotoAsync($"/jobs/{running.Id}");
        await Focus.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Abort", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/jobs/{running.Id}/abort\\?back=job$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Abort job" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        // Back on the job's own page, where the abort was asked.
        await Expect(page).ToHaveURLAsync(new Regex($"/jobs/{running.Id}$"));
        await api.WaitFinishedAsync(running.Id);

        await page.ReloadAsync();
        await Expect(Steps(page).Nth(2)).ToHaveTextAsync("Abort asked by detail-keys");

        await page.GotoAsync($"/jobs/{finished.Id}");
        foreach (var name in new[] { "Retry failed items", "Undo", "Delete", "Download log", "Download the failed rows, to fix and upload again" })
            await Focus.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Retry failed items" })).ToHaveAttributeAsync("href", $"/jobs/{finished.Id}/retry?back=job");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Undo", Exact = true })).ToHaveAttributeAsync("href", $"/jobs/{finished.Id}/undo");
    }

    [Fact]
    public async Task Pictures_of_a_finished_job_with_its_errors_by_reason_in_french_and_on_a_phone()
    {
        await fx.App.CreateUserAsync("detail-shots", Roles.Superadmin);
        var api = await fx.App.ApiAsync("detail-shots");
        var job = await api.ImportJobAsync(Csv.Users("detail-shots-", 1200, "",
            "detail-shots-x,not-an-email,", "detail-shots-y,also@bad@example.com,", "detail-shots-z,z@example.com,Nowhere",
            "detail-shots-w,w@example.com,Nowhere", "detail-shots-1,again@example.com,"), "spring-intake-2026.csv");
        await api.WaitFinishedAsync(job.Id);
        foreach (var (culture, locale) in new[] { ("en", "en-GB"), ("fr", "fr-FR") })
        {
            var page = await fx.PageAsync("detail-shots", locale);
            await page.GotoAsync($"/jobs/{job.Id}?culture={culture}");
            await ShootAsync(page, $"job-finished-{culture}.png", 1280, 900, fullPage: true);
            await ShootAsync(page, $"job-finished-phone-{culture}.png", Visitor.PhoneWidth, Visitor.PhoneHeight, fullPage: true);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        }
    }

    private async Task ShootAsync(IPage page, string file, int width, int height, bool fullPage = false)
    {
        await page.SetViewportSizeAsync(width, height);
        var path = Path.Combine(Shots.Folder(_scratch), file);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty");
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch)) Directory.Delete(_scratch, recursive: true);
    }
}
