using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Tests;

/// <summary>Import users without JavaScript: every step a plain form (upload → preview → Start import, or Cancel).</summary>
public sealed partial class ImportPagesTests(PagesApp app) : IClassFixture<PagesApp>
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Upload_then_preview_then_start_creates_the_job_and_goes_back_to_the_users()
    {
        await app.CreateBranchAsync("Import pages");
        var admin = await app.AdminAsync();
        var (page, form) = await admin.GetAsync("/admin/users/import");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("enctype=\"multipart/form-data\"", form, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/users/import/template.csv\"", form, StringComparison.Ordinal);
        Assert.Contains("At most 50 MB and 1,000,000 rows.", form, StringComparison.Ordinal);

        var uploaded = await admin.UploadAsync("/admin/users/import", Utf8("""
            username,email,branch,password
            ip-new,ip-new@example.com,Import pages,a-long-secret
            ip-bad,not-an-email,,
            ip-other,ip-other@example.com,Nowhere,
            """), "people.csv");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewPath = uploaded.Headers.Location!.OriginalString;
        Assert.Matches("^/admin/users/import/[0-9a-f-]{36}$", previewPath);

        var (shown, html) = await admin.GetAsync(previewPath);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("people.csv", text, StringComparison.Ordinal);
        Assert.Equal(("1", "0", "2"), (Count(text, "creates"), Count(text, "updates"), Count(text, "errors")));
        Assert.Contains("<td>The email address is not valid.</td>", text, StringComparison.Ordinal);
        Assert.Contains("<td>The branch does not exist.</td>", text, StringComparison.Ordinal);
        Assert.Contains("<td>••••••••</td>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("a-long-secret", text, StringComparison.Ordinal);

        var started = await admin.SubmitAsync(previewPath, [], previewPath + "?handler=Start");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobId = StartedJob().Match(started.Headers.Location!.OriginalString).Groups[1].Value;
        Assert.True(Guid.TryParse(jobId, out _), started.Headers.Location.OriginalString);
        var api = await app.BearerClientAsync("admin", PagesApp.AdminPassword);
        var job = await api.GetFromJsonAsync<JobRow>($"/api/jobs/{jobId}");
        Assert.Equal(("users.import", 3L), (job!.Kind, job.Total));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(previewPath)).Response.StatusCode);
    }

    [Fact]
    public async Task Cancel_discards_the_file_and_returns_to_the_upload()
    {
        var admin = await app.AdminAsync();
        var uploaded = await admin.UploadAsync("/admin/users/import", Utf8("username,email\nip-cancel,ip-cancel@example.com\n"), "cancel.csv");
        var previewPath = uploaded.Headers.Location!.OriginalString;
        var folder = Path.Combine(app.DataPath, "previews", Guid.Parse(previewPath.Split('/')[^1]).ToString("N"));
        Assert.True(Directory.Exists(folder));

        var cancelled = await admin.SubmitAsync(previewPath, [], previewPath + "?handler=Cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("/admin/users/import", cancelled.Headers.Location!.OriginalString);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(previewPath)).Response.StatusCode);
    }

    [Fact]
    public async Task A_refused_file_is_explained_next_to_the_file_field()
    {
        var admin = await app.AdminAsync();
        var refused = await admin.UploadAsync("/admin/users/import", Utf8("username,firstname\nx,y\n"), "no-email.csv");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Matches("id=\"import-error\" role=\"alert\">\\s*<strong>The file misses a required column</strong>\\s*<span>The header must contain a 'email' column.</span>", html);
        Assert.False(Directory.Exists(Path.Combine(app.DataPath, "previews")) && Directory.EnumerateFileSystemEntries(Path.Combine(app.DataPath, "previews")).Any(),
            "a refused file left a preview behind");
    }

    [Fact]
    public async Task The_template_is_a_csv_the_import_takes_whole()
    {
        var admin = await app.AdminAsync();
        var response = await admin.Client.GetAsync("/admin/users/import/template.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var template = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("username,email,firstname,lastname,branch,language,active,password\r\n", Encoding.UTF8.GetString(template), StringComparison.Ordinal);

        var uploaded = await admin.UploadAsync("/admin/users/import", template, "users-template.csv");
        var html = WebUtility.HtmlDecode((await admin.GetAsync(uploaded.Headers.Location!.OriginalString)).Html);
        Assert.Equal(("2", "0", "0"), (Count(html, "creates"), Count(html, "updates"), Count(html, "errors")));
    }

    [Fact]
    public async Task A_power_user_previews_within_their_branches_and_another_cannot_see_it()
    {
        var branch = await app.CreateBranchAsync("Import scope");
        await app.CreateUserAsync("ip-pu", Roles.PowerUser, [branch]);
        await app.CreateUserAsync("ip-pu2", Roles.PowerUser, [branch]);
        var pu = await app.SignedInAsync("ip-pu", PagesApp.PasswordOf("ip-pu"));
        var uploaded = await pu.UploadAsync("/admin/users/import", Utf8("username,email\nip-scoped,ip-scoped@example.com\n"), "scoped.csv");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewPath = uploaded.Headers.Location!.OriginalString;
        Assert.Equal("1", Count(WebUtility.HtmlDecode((await pu.GetAsync(previewPath)).Html), "creates"));

        var other = await app.SignedInAsync("ip-pu2", PagesApp.PasswordOf("ip-pu2"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(previewPath)).Response.StatusCode);
        var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(previewPath)).Response.StatusCode);
    }

    private static string Count(string html, string name) =>
        Regex.Match(html, $"data-count=\"{name}\">([^<]*)<") is { Success: true } m ? m.Groups[1].Value : "(missing)";

    [GeneratedRegex("^/admin/users\\?started=([0-9a-f-]{36})$")]
    private static partial Regex StartedJob();

    private sealed record JobRow(Guid Id, string Kind, long Total);
}
