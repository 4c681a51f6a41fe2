namespace Offload.Browser.Tests;

/// <summary>Where things are on the Background Jobs page, the way a person finds them.</summary>
internal static class JobsPage
{
    public static ILocator Row(IPage page, Guid id) => page.Locator($"#job-{id}");

    public static ILocator Bar(IPage page, Guid id) => Row(page, id).GetByRole(AriaRole.Progressbar);

    public static ILocator Status(IPage page, Guid id) => Row(page, id).Locator(".job-status");

    public static ILocator Tab(IPage page, string name) =>
        page.Locator("nav.tabs").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public static async Task<int> PercentAsync(IPage page, Guid id) =>
        int.Parse(await Bar(page, id).GetAttributeAsync("aria-valuenow") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Items processed as the row was last drawn (finer than the percentage).</summary>
    public static async Task<long> ProcessedAsync(IPage page, Guid id) =>
        long.Parse(await Row(page, id).GetAttributeAsync("data-processed") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A marker in the page's memory: still there later means the page was never reloaded.</summary>
    public static Task MarkAsync(IPage page) => page.EvaluateAsync("() => window.offloadTestMarker = 'not reloaded'");

    public static Task<bool> StillMarkedAsync(IPage page) => page.EvaluateAsync<bool>("() => window.offloadTestMarker === 'not reloaded'");
}
