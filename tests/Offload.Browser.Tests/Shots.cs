using Offload.Testing;

namespace Offload.Browser.Tests;

/// <summary>
/// Where the README's pictures go: docs/screenshots with OFFLOAD_SCREENSHOTS=1, else a scratch folder under the temp
/// directory, so a test run leaves the checkout clean while the pictures are still taken and cannot rot.
/// </summary>
internal static class Shots
{
    public static string Folder(string scratch)
    {
        if (Environment.GetEnvironmentVariable("OFFLOAD_SCREENSHOTS") != "1") return Directory.CreateDirectory(scratch).FullName;
        return Directory.CreateDirectory(Path.Combine(Checkout.Root, "docs", "screenshots")).FullName;
    }

    /// <summary>The page's first screenful (or all of it) at a window size (the window is left at that size).</summary>
    public static async Task TakeAsync(IPage page, string file, int width, int height, bool fullPage = false)
    {
        await page.SetViewportSizeAsync(width, height);
        var path = Path.Combine(Folder(Path.Combine(Path.GetTempPath(), "offload-screenshots")), file);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty");
    }
}
