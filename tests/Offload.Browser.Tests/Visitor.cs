namespace Offload.Browser.Tests;

/// <summary>
/// Opens screens in one language at one window width, one browser page per user reused from screen to screen
/// (a new context per screen would cost a sign-in's worth of time each).
/// </summary>
internal sealed class Visitor(BrowserFixture fx, string culture, int width, int height)
{
    public const int PhoneWidth = 390;
    public const int PhoneHeight = 844;

    private readonly Dictionary<string, IPage> _pages = [];

    public string Culture => culture;

    public int Width => width;

    public async Task<IPage> OpenAsync(Screen screen)
    {
        var key = screen.User ?? "";
        if (!_pages.TryGetValue(key, out var page))
        {
            var locale = culture == "fr" ? "fr-FR" : "en-GB";
            page = _pages[key] = screen.User is { } user ? await fx.PageAsync(user, locale) : await fx.AnonymousPageAsync(locale);
            await page.SetViewportSizeAsync(width, height);
        }
        // Always named: ?culture= is remembered, so an English visit after a French one must say so too.
        var response = await page.GotoAsync(screen.Path + (screen.Path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + culture);
        Assert.True(response is { Status: < 500 }, $"{screen} answered {response?.Status}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        return page;
    }
}
