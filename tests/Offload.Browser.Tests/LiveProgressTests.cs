using System.Diagnostics;
using Xunit.Abstractions;

namespace Offload.Browser.Tests;

/// <summary>Server push: a job appears and its bar moves on a page nobody reloads; X stops it after asking.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveProgressTests(BrowserFixture fx, ITestOutputHelper output)
{
    [Fact]
    public async Task A_new_import_appears_and_its_bar_moves_without_reload()
    {
        var page = await fx.PageAsync("admin");
        await page.GotoAsync("/jobs");
        await MarkAsync(page);

        var clock = Stopwatch.StartNew();
        var job = await (await fx.App.ApiAsync("admin")).ImportJobAsync(Csv.Users("live-", 9000), "live.csv");
        await Expect(Row(page, job.Id)).ToBeVisibleAsync();
        var seen = new List<int>();
        while (seen.Count == 0 || seen[^1] < 100)
        {
            var percent = await PercentAsync(page, job.Id);
            if (seen.Count == 0 || percent > seen[^1]) seen.Add(percent);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"still at {percent}%");
            await Task.Delay(50);
        }
        output.WriteLine($"bar values {string.Join(", ", seen)} in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(seen.Count(p => p is > 0 and < 100) >= 2, $"the bar moved through {string.Join(", ", seen)}");
        await Expect(Status(page, job.Id)).ToHaveTextAsync("Completed");
        await Expect(Row(page, job.Id).Locator(".job-percent")).ToHaveTextAsync("100%");
        Assert.True(await StillMarkedAsync(page), "the page was reloaded");
    }

    [Fact]
    public async Task X_asks_first_then_aborts_and_processed_items_stay()
    {
        var api = await fx.App.ApiAsync("admin");
        var job = await api.ImportJobAsync(Csv.Users("abort-", 50_000), "abort.csv");
        var page = await fx.PageAsync("admin");
        await page.GotoAsync("/jobs");
        await Expect(Bar(page, job.Id)).Not.ToHaveAttributeAsync("aria-valuenow", "0");
        var abort = Row(page, job.Id).GetByRole(AriaRole.Link, new() { Name = "Abort", Exact = true });

        await abort.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Items already processed stay processed. Aborting cannot be undone.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Status(page, job.Id)).ToHaveTextAsync("Running");

        await abort.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Abort job" }).ClickAsync();
        await Expect(Status(page, job.Id)).ToHaveTextAsync("Aborted");
        await Expect(abort).ToBeHiddenAsync();

        var ended = await api.WaitFinishedAsync(job.Id);
        Assert.Equal("aborted", ended.Status);
        Assert.InRange(ended.Processed, 1, ended.Total - 1);
        Assert.NotNull(await fx.App.FindUserAsync("abort-1"));
        Assert.Null(await fx.App.FindUserAsync($"abort-{ended.Total}"));
    }
}
