using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Offload.Web.Pages.Tests;

/// <summary>SPEC §7: the API takes the page's cookie only with the antiforgery header on unsafe methods.</summary>
public sealed class ApiAntiforgeryTests(PagesApp app) : IClassFixture<PagesApp>
{
    private const string AbortUnknownJob = "/api/jobs/01a21291-5fa3-77cd-9e05-3b55bec7898f/abort";

    [Fact]
    public async Task A_cookie_call_without_the_header_is_a_400_problem_naming_it()
    {
        var browser = await app.AdminAsync();
        var response = await browser.Client.PostAsync(AbortUnknownJob, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Missing or invalid antiforgery token", problem.GetProperty("title").GetString());
        Assert.Equal("RequestVerificationToken", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_cookie_call_with_the_pages_token_goes_through()
    {
        var browser = await app.AdminAsync();
        var (_, html) = await browser.GetAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Post, AbortUnknownJob);
        request.Headers.Add("RequestVerificationToken", Browser.MetaToken(html));

        var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_header_is_refused()
    {
        var browser = await app.AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, AbortUnknownJob);
        request.Headers.Add("RequestVerificationToken", "forged");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_upload_endpoint_checks_cookie_callers_too()
    {
        var browser = await app.AdminAsync();
        using var form = new MultipartFormDataContent { { new StringContent("username,email\nx,x@example.com\n"), "file", "users.csv" } };
        var response = await browser.Client.PostAsync("/api/mass-actions/users-import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("RequestVerificationToken", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Safe_methods_and_bearer_callers_need_no_header()
    {
        var browser = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/jobs")).StatusCode);

        var script = await app.BearerClientAsync("admin", PagesApp.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await script.PostAsync(AbortUnknownJob, null)).StatusCode);
    }
}
