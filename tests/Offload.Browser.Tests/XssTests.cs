using System.Net.Http.Json;

namespace Offload.Browser.Tests;

/// <summary>
/// Script payloads in everything a person can type or upload — a file name (the job's description), first
/// names, branch names, course titles, CSV values, a search box — show as plain text on every page, over
/// the server's HTML and over the live updates; nothing runs and the Content-Security-Policy never has to step in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class XssTests(BrowserFixture fx)
{
    /// <summary>No slash: a file name keeps only its last segment, and the payload must survive that whole.</summary>
    private const string Img = "<img src=x onerror=window.xssRan=1>";
    private const string Svg = "\"><svg onload=window.xssRan=2>";

    /// <summary>Run before any page script: records what ran, any dialog, and any CSP refusal.</summary>
    private const string Watch = """
        window.cspRefused = [];
        document.addEventListener('securitypolicyviolation', e => window.cspRefused.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    [Fact]
    public async Task Script_payloads_show_as_text_on_every_page_and_nothing_runs()
    {
        var admin = await fx.App.ApiAsync("admin");
        var branch = await fx.App.CreateBranchAsync("xss-branch " + Img);
        await fx.App.AddUserAsync("xss-named", Roles.User, [branch], firstName: "xss-first " + Svg);
        (await admin.PostAsJsonAsync("/api/courses", new { code = "XSS1", title = "xss-course " + Img })).EnsureSuccessStatusCode();

        var page = await fx.PageAsync("admin");
        var dialogs = new List<string>();
        page.Dialog += (_, d) => dialogs.Add(d.Message);
        await page.AddInitScriptAsync(Watch);

        // Open first, so the job arrives through the live stream (script-built rows), then again from the server.
        await page.GotoAsync("/jobs");
        // A script's HTTP client refuses a double quote in a multipart file name (browsers send it as %22).
        var fileName = "xss " + Img + "'><svg onload=window.xssRan=3>.csv";
        var job = await admin.ImportJobAsync(Csv.Users("xss-row", 2, "", $"xss-row3,xss-row3@example.com,", $"xss-bad,{Img},"), fileName);
        var title = $"Import of {fileName} (4 rows)";
        await Expect(Row(page, job.Id).Locator(".job-title")).ToHaveTextAsync(title);
        await admin.WaitFinishedAsync(job.Id);
        await AssertInertAsync(page, dialogs);

        await page.Locator("#job-arrow").ClickAsync();
        await Expect(page.Locator("#job-panel")).ToContainTextAsync(fileName);
        await AssertInertAsync(page, dialogs);

        foreach (var (path, text) in new[]
        {
            ("/jobs", title),
            ("/notifications", fileName),
            ("/admin/users?text=xss-named", "xss-first " + Svg),
            ("/admin/branches", "xss-branch " + Img),
            ("/admin/courses", "xss-course " + Img),
        })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main")).ToContainTextAsync(text);
            await AssertInertAsync(page, dialogs);
        }

        // Reflected: a payload in the query string comes back inside the search box's value, as a value.
        await page.GotoAsync("/admin/users?text=" + Uri.EscapeDataString(Svg));
        await Expect(page.Locator("#text")).ToHaveValueAsync(Svg);
        await AssertInertAsync(page, dialogs);
    }

    private static async Task AssertInertAsync(IPage page, List<string> dialogs)
    {
        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("img[src=x], svg[onload]").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.xssRan === undefined"), $"a payload ran on {page.Url}");
        Assert.Equal("", await page.EvaluateAsync<string>("() => window.cspRefused.join('; ')"));
    }
}
