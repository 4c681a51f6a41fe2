namespace Offload.Browser.Tests;

/// <summary>
/// The README's pictures of the jobs page and the Users screen in English and French, on a desktop and a phone. Always taken, so they cannot rot; written to
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

        foreach (var culture in new[] { "en", "fr" })
        {
            var page = await fx.PageAsync("sam", culture == "fr" ? "fr-FR" : "en-GB");
            await page.GotoAsync($"/jobs?scope=mine&culture={culture}");
            await Expect(Bar(page, running.Id)).Not.ToHaveAttributeAsync("aria-valuenow", "0");
            await ShootAsync(page, $"jobs-{culture}.png", Desktop, fullPage: true);
            await ShootAsync(page, $"jobs-phone-{culture}.png", Phone, fullPage: true);

            // The staff.csv import's accounts: a full first page of users, the same on every run.
            await page.GotoAsync($"/admin/users?text=shot-b&culture={culture}");
            await Expect(page.Locator("#users tbody tr").First).ToBeVisibleAsync();
            await ShootAsync(page, $"users-{culture}.png", Desktop, fullPage: false);
            await ShootAsync(page, $"users-phone-{culture}.png", Phone, fullPage: false);
        }
        await api.PostAsync($"/api/jobs/{running.Id}/abort", null);
        await api.WaitFinishedAsync(running.Id);
    }

    [Fact]
    public async Task Of_the_import_screens()
    {
        await fx.App.CreateUserAsync("shot-importer", Roles.Superadmin);
        var api = await fx.App.ApiAsync("shot-importer");
        var csv = "username,email,firstname,lastname,branch,language,active,password\n"
            + string.Concat(Enumerable.Range(1, 40).Select(i => $"intake{i},intake{i}@example.com,Camille{i},Martin,,fr,true,a-secret-{i}\n"))
            + "intake41,not-an-email,Léa,Bernard,,fr,true,\nintake42,intake42@example.com,Hugo,Petit,Campus-Nord,en,yes,\nintake3,dup@example.com,Zoé,Roux,,fr,,\n";
        var upload = await fx.PageAsync("shot-importer");
        await upload.GotoAsync("/admin/users/import?culture=en");
        await ShootAsync(upload, "import-upload-en.png", Desktop, fullPage: true);

        var preview = await api.PreviewAsync(csv, "spring-intake-2026.csv");
        foreach (var (culture, file, size) in new[] { ("fr", "import-preview-fr.png", Desktop), ("en", "import-preview-phone-en.png", Phone) })
        {
            var page = await fx.PageAsync("shot-importer", culture == "fr" ? "fr-FR" : "en-GB");
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await page.GotoAsync($"/admin/users/import/{preview.Id}?culture={culture}");
            await Expect(page.Locator("[data-count=creates]")).ToHaveTextAsync("40");
            await ShootAsync(page, file, size, fullPage: true);
        }
    }

    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly ViewportSize Phone = new() { Width = Visitor.PhoneWidth, Height = Visitor.PhoneHeight };

    /// <summary>A whole page (the jobs, a few rows) or its first screenful (the users, a long list) at a window size.</summary>
    private async Task ShootAsync(IPage page, string file, ViewportSize size, bool fullPage)
    {
        await page.SetViewportSizeAsync(size.Width, size.Height);
        var path = Path.Combine(Folder(), file);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty");
    }

    private string Folder() => Shots.Folder(_scratch);

    public void Dispose()
    {
        if (Directory.Exists(_scratch)) Directory.Delete(_scratch, recursive: true);
    }
}
