namespace Offload.Browser.Tests;

/// <summary>
/// The README's pictures of the page in English and French. Always taken, so they cannot rot; written to
/// docs/screenshots only with OFFLOAD_SCREENSHOTS=1, so a test run leaves the checkout clean:
/// <c>OFFLOAD_SCREENSHOTS=1 dotnet test tests/Offload.Browser.Tests --filter Screenshots</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class Screenshots(BrowserFixture fx) : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "offload-screenshots-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Of_the_page_in_english_and_french()
    {
        await fx.App.CreateUserAsync("sam", Roles.Superadmin);
        var api = await fx.App.ApiAsync("sam");
        var aborted = await api.ImportJobAsync(Csv.Users("shot-a", 50_000), "spring-intake.csv");
        await Task.Delay(300);
        await api.PostAsync($"/api/jobs/{aborted.Id}/abort", null);
        await api.WaitFinishedAsync((await api.ImportJobAsync(Csv.Users("shot-b", 1204, "", "shot-x,not-an-email,", "shot-y,also@bad@example.com,"), "staff.csv")).Id);
        var running = await api.ImportJobAsync(Csv.Users("shot-c", 200_000), "alumni.csv");

        foreach (var (culture, file) in new[] { ("en", "jobs-en.png"), ("fr", "jobs-fr.png") })
        {
            var page = await fx.PageAsync("sam", culture == "fr" ? "fr-FR" : "en-GB");
            await page.GotoAsync($"/jobs?scope=mine&culture={culture}");
            await Expect(Bar(page, running.Id)).Not.ToHaveAttributeAsync("aria-valuenow", "0");
            var path = Path.Combine(Folder(), file);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty");
        }
        await api.PostAsync($"/api/jobs/{running.Id}/abort", null);
        await api.WaitFinishedAsync(running.Id);
    }

    private string Folder()
    {
        if (Environment.GetEnvironmentVariable("OFFLOAD_SCREENSHOTS") != "1") return Directory.CreateDirectory(_scratch).FullName;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Offload.slnx"))) root = root.Parent ?? throw new InvalidOperationException("no checkout above the tests");
        return Directory.CreateDirectory(Path.Combine(root.FullName, "docs", "screenshots")).FullName;
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch)) Directory.Delete(_scratch, recursive: true);
    }
}
