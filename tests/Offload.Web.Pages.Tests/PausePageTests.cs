using System.Net;
using System.Text.RegularExpressions;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Tests;

/// <summary>No workers run: a queued job pauses at once, so the pages' buttons are checked without racing a worker.</summary>
public sealed class PausePagesApp : IDisposable
{
    public PagesApp App { get; } = new();

    public PausePagesApp() => App.Settings["Offload:Workers"] = "0";

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Pause and resume without JavaScript (issue 20): the job page's and the list's buttons are forms that post with their
/// antiforgery token and come back; the status, the buttons and the timeline follow, in English and French.
/// </summary>
public sealed class PausePageTests(PausePagesApp fx) : IClassFixture<PausePagesApp>
{
    private static string Text(string html) => string.Join(" | ", PageWords.Read(html));

    private static IEnumerable<string> Steps(string html) =>
        Regex.Matches(html, "<span class=\"timeline-what\">([^<]*)</span>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));

    private async Task<Guid> QueuedAsync(string name) =>
        await JobDetailPagesApp.ImportAsync(await fx.App.ClientForIdAsync((await fx.App.FindUserAsync("admin"))!.Id), name,
            "username,email\npaused1,paused1@example.org\n");

    [Fact]
    public async Task The_job_page_pauses_and_resumes_a_job_by_plain_forms_and_its_timeline_says_who()
    {
        var job = await QueuedAsync("page.csv");
        var admin = await fx.App.AdminAsync();
        var (_, html) = await admin.GetAsync($"/jobs/{job}");
        Assert.Matches($"<form method=\"post\" action=\"/jobs/{job}/pause\\?back=job\" class=\"inline-form\"><button[^>]*id=\"job-pause\">Pause</button>"
            + "<input name=\"__RequestVerificationToken\" type=\"hidden\"", Regex.Replace(html, ">\\s+<", "><"));
        Assert.DoesNotContain($"/jobs/{job}/resume", html, StringComparison.Ordinal);

        var paused = await admin.SubmitAsync($"/jobs/{job}", [], $"/jobs/{job}/pause?back=job");
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal($"/jobs/{job}", paused.Headers.Location!.OriginalString);
        (_, html) = await admin.GetAsync($"/jobs/{job}");
        Assert.Contains("Status | Paused", Text(html), StringComparison.Ordinal);
        Assert.Equal(["Created by admin", "Paused by admin"], Steps(html));
        Assert.Contains($"action=\"/jobs/{job}/resume?back=job\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/jobs/{job}/pause", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/jobs/{job}/abort?back=job\">Abort</a>", html, StringComparison.Ordinal);

        var resumed = await admin.SubmitAsync($"/jobs/{job}", [], $"/jobs/{job}/resume?back=job");
        Assert.Equal($"/jobs/{job}", resumed.Headers.Location!.OriginalString);
        (_, html) = await admin.GetAsync($"/jobs/{job}");
        Assert.Contains("Status | Queued", Text(html), StringComparison.Ordinal);
        Assert.Equal(["Created by admin", "Paused by admin", "Resumed by admin"], Steps(html));
    }

    [Fact]
    public async Task The_list_pauses_a_row_without_javascript_and_says_so_in_french()
    {
        var job = await QueuedAsync("list.csv");
        var admin = await fx.App.AdminAsync();
        var response = await admin.SubmitAsync("/jobs", [], $"/jobs/{job}/pause");
        Assert.Equal("/jobs", response.Headers.Location!.OriginalString);

        var (_, html) = await admin.GetAsync("/jobs?culture=fr");
        var row = Regex.Match(html, $"<tr class=\"job\" id=\"job-{job}\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("data-status=\"paused\"", row, StringComparison.Ordinal);
        Assert.Contains("En pause", Text(row), StringComparison.Ordinal);
        Assert.Contains("Reprendre", Text(row), StringComparison.Ordinal);
        Assert.Matches($"<form method=\"post\" action=\"/jobs/{job}/pause\" class=\"job-move\" hidden=\"hidden\">", row);
        var (_, page) = await admin.GetAsync($"/jobs/{job}?culture=fr");
        Assert.Contains("Mise en pause par admin", Steps(page));
    }

    [Fact]
    public async Task A_post_without_its_antiforgery_token_changes_nothing()
    {
        var job = await QueuedAsync("forged.csv");
        var admin = await fx.App.AdminAsync();
        var forged = await admin.PostAsync($"/jobs/{job}/pause", []);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Status | Queued", Text((await admin.GetAsync($"/jobs/{job}")).Html), StringComparison.Ordinal);
    }
}
