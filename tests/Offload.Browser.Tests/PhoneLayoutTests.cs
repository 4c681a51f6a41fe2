namespace Offload.Browser.Tests;

/// <summary>Issue 16: every page is usable on a 390 px phone, in English and in French, without sideways scrolling.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture fx)
{
    /// <summary>Links and form controls that stick out past the window's edges (tables that scroll in their own box excepted).</summary>
    private const string ControlsOutside = """
        () => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary')]
            .filter(e => !e.closest('.table-scroll'))
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width > 0 && (r.left < 0 || r.right > document.documentElement.clientWidth))
            .map(([e, r]) => `${e.outerHTML.slice(0, 60)} at ${Math.round(r.left)}..${Math.round(r.right)}px`)
        """;

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Every_page_fits_a_390px_phone_without_sideways_scrolling(string culture)
    {
        var visitor = new Visitor(fx, culture, Visitor.PhoneWidth, Visitor.PhoneHeight);
        var faults = new List<string>();
        foreach (var screen in await EveryPage.SeedAsync(fx))
        {
            var page = await visitor.OpenAsync(screen);
            faults.AddRange(await FaultsAsync(page, screen.ToString()));
            var gear = page.Locator("#admin-menu-button");
            if (await gear.CountAsync() == 0) continue;
            await gear.ClickAsync();
            await Expect(page.Locator(".admin-menu-panel")).ToBeVisibleAsync();
            faults.AddRange(await FaultsAsync(page, screen + " with the Admin Menu open"));
        }
        Assert.True(faults.Count == 0, string.Join('\n', faults));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task On_a_phone_the_jobs_rows_stack_and_their_buttons_and_the_arrows_area_stay_in_reach(string culture)
    {
        var screens = await EveryPage.SeedAsync(fx);
        var visitor = new Visitor(fx, culture, Visitor.PhoneWidth, Visitor.PhoneHeight);
        var page = await visitor.OpenAsync(screens.Single(s => s.Path == "/jobs"));

        var rows = page.Locator("#jobs tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        // Stacked: each cell on a line of its own, under the one before, and each says what it holds.
        var cells = rows.First.Locator("td:visible");
        var (first, second) = (await cells.Nth(1).BoundingBoxAsync(), await cells.Nth(2).BoundingBoxAsync());
        Assert.True(second!.Y >= first!.Y + first.Height - 1, "the row's cells stack");
        Assert.False(string.IsNullOrWhiteSpace(await cells.Nth(1).GetAttributeAsync("data-label")), "a stacked cell names its column");
        await rows.Locator(".job-actions a:visible").First.ClickAsync(new() { Trial = true });
        await page.Locator("form.filters button[type=submit]").ClickAsync(new() { Trial = true });

        var arrow = page.Locator("#job-arrow");
        await Expect(arrow).ToBeVisibleAsync();
        await arrow.ClickAsync();
        await Expect(page.Locator("#job-panel")).ToBeVisibleAsync();
        Assert.Empty(await FaultsAsync(page, "/jobs with the notification area open"));
        var panel = (await page.Locator("#job-panel").BoundingBoxAsync())!;
        Assert.True(panel.X >= 0 && panel.X + panel.Width <= Visitor.PhoneWidth, $"the notification area spans {panel.X}..{panel.X + panel.Width}px");
    }

    private static async Task<IEnumerable<string>> FaultsAsync(IPage page, string where)
    {
        var faults = new List<string>();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > Visitor.PhoneWidth) faults.Add($"{where}: the page is {width}px wide");
        faults.AddRange((await page.EvaluateAsync<string[]>(ControlsOutside)).Select(c => $"{where}: {c}"));
        return faults;
    }
}
