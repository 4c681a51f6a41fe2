using System.Net;
using System.Text.RegularExpressions;

namespace Offload.Web.Pages.Tests;

/// <summary>
/// "Retry failed items" without JavaScript (SPEC §10): the confirmation says how many items will run again, in the
/// reader's language; its button (antiforgery) starts the retry and opens the new job's page.
/// </summary>
public sealed class RetryPageTests(FrenchPagesApp fx) : IClassFixture<FrenchPagesApp>
{
    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

    [Theory]
    [InlineData("en", "Retry failed items?", "1 failed item will run again in a new job, with your rights.", "Start the retry")]
    [InlineData("fr", "Relancer les éléments en échec ?", "1 élément en échec sera relancé dans une nouvelle procédure, avec vos droits.", "Lancer la relance")]
    public async Task The_confirmation_counts_the_failed_items_and_its_button_opens_the_new_job(string culture, string heading, string count, string button)
    {
        var browser = await fx.App.SignedInAsync("camille", PagesApp.PasswordOf("camille"));
        var page = $"/jobs/{fx.Finished}/retry?culture={culture}";
        var (response, html) = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(html);
        Assert.Contains(heading, text);
        Assert.Contains(count, text);
        Assert.Contains(button, text);

        // The form without its antiforgery token is refused; with it, the retry starts and the browser goes to its page.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(page, [])).StatusCode);
        var started = await browser.SubmitAsync(page, []);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.Matches("^/jobs/[0-9a-f-]{36}$", location);
        Assert.NotEqual($"/jobs/{fx.Finished}", location);
        var api = await fx.App.BearerClientAsync("camille", PagesApp.PasswordOf("camille"));
        var job = await api.GetStringAsync("/api" + location);
        Assert.Contains($"\"retryOf\":\"{fx.Finished}\"", job);
    }

    [Fact]
    public async Task A_job_that_cannot_be_retried_says_why_and_offers_no_button()
    {
        var browser = await fx.App.SignedInAsync("camille", PagesApp.PasswordOf("camille"));
        var (response, html) = await browser.GetAsync($"/jobs/{fx.Queued}/retry?culture=fr");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Seule une procédure terminée qui a des éléments en échec peut être relancée, et jamais une annulation.", Text(html));
        Assert.DoesNotContain("Lancer la relance", Text(html));
        // Another Power User's job is a 404, as in the API.
        var pierre = await fx.App.SignedInAsync("pierre", PagesApp.PasswordOf("pierre"));
        Assert.Equal(HttpStatusCode.NotFound, (await pierre.GetAsync($"/jobs/{fx.Finished}/retry")).Response.StatusCode);
    }
}
