using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Offload.Browser.Tests;

/// <summary>Issue 16: axe-core finds no serious or critical problem on any page, in either language, on a desktop or a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fx)
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Every_page_passes_axe_on_a_desktop_and_a_phone_with_no_serious_or_critical_violation(string culture)
    {
        var visitor = new Visitor(fx, culture, 1280, 800);
        var found = new List<string>();
        foreach (var screen in await EveryPage.SeedAsync(fx))
        {
            // One visit, two widths: the phone layout differs by CSS only.
            var page = await visitor.OpenAsync(screen);
            await page.SetViewportSizeAsync(1280, 800);
            found.AddRange(await SeriousAsync(page, screen + " at 1280 px"));
            await page.SetViewportSizeAsync(Visitor.PhoneWidth, Visitor.PhoneHeight);
            found.AddRange(await SeriousAsync(page, screen + " at 390 px"));
        }
        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task The_open_admin_menu_notification_area_and_confirmation_pass_axe_too(string culture)
    {
        var screens = await EveryPage.SeedAsync(fx);
        var page = await new Visitor(fx, culture, 1280, 800).OpenAsync(screens.Single(s => s.Path == "/jobs"));
        var found = new List<string>();

        await page.Locator("#admin-menu-button").ClickAsync();
        await Expect(page.Locator(".admin-menu-panel")).ToBeVisibleAsync();
        found.AddRange(await SeriousAsync(page, "the Admin Menu"));
        await page.Keyboard.PressAsync("Escape");

        await page.Locator("#job-arrow").ClickAsync();
        await Expect(page.Locator("#job-panel")).ToBeVisibleAsync();
        found.AddRange(await SeriousAsync(page, "the notification area"));
        await page.Keyboard.PressAsync("Escape");

        await page.Locator("#jobs tbody .job-actions a:visible").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        found.AddRange(await SeriousAsync(page, "the confirmation"));
        await page.Keyboard.PressAsync("Escape");

        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    /// <summary>Violations only: passed checks are most of axe's answer and of the time spent carrying it back.</summary>
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    internal static async Task<IEnumerable<string>> SeriousAsync(IPage page, string where)
    {
        var result = await page.RunAxe(ViolationsOnly);
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Impact} {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}");
    }
}
