using System.Net;
using System.Text.RegularExpressions;

namespace Offload.Web.Pages.Tests;

/// <summary>
/// The audit trail's page without JavaScript (issue 20): in the reader's language, filtered by a plain GET form, listed in
/// the Admin Menu's Settings for Superadmins only, refused (403) to a Power User.
/// </summary>
public sealed class AuditPageTests(FrenchPagesApp fx) : IClassFixture<FrenchPagesApp>
{
    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

    [Theory]
    [InlineData("en", "Audit trail", "Job started", "Any action")]
    [InlineData("fr", "Journal d'audit", "Lancement", "Toute action")]
    public async Task A_superadmin_reads_who_started_which_job_in_their_language(string culture, string heading, string started, string anyAction)
    {
        var browser = await fx.App.SignedInAsync("camille", PagesApp.PasswordOf("camille"));
        var (response, html) = await browser.GetAsync($"/admin/audit?culture={culture}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(html);
        Assert.Contains(heading, text);
        Assert.Contains(started, text);
        Assert.Contains(anyAction, text);
        Assert.Contains($"href=\"/jobs/{fx.Finished}\"", html);
        Assert.Matches("<form method=\"get\"[^>]*>", html);
        Assert.Contains("<li><a href=\"/admin/audit\">", html); // in the Admin Menu

        // The filter keeps only what matches: no pause was ever asked.
        var (_, none) = await browser.GetAsync($"/admin/audit?action=job.pause&culture={culture}");
        Assert.DoesNotContain($"href=\"/jobs/{fx.Finished}\"", none);
    }

    [Fact]
    public async Task A_power_user_is_refused_and_finds_no_link_to_it()
    {
        var pierre = await fx.App.SignedInAsync("pierre", PagesApp.PasswordOf("pierre"));
        Assert.Equal(HttpStatusCode.Forbidden, (await pierre.GetAsync("/admin/audit")).Response.StatusCode);
        Assert.DoesNotContain("/admin/audit", (await pierre.GetAsync("/jobs")).Html);
    }
}
