using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Pages.Tests;

public sealed class SignInTests(PagesApp app) : IClassFixture<PagesApp>
{
    [Fact]
    public async Task Signing_in_sets_an_HttpOnly_SameSite_Lax_session_cookie_and_goes_back_to_the_asked_page()
    {
        var browser = app.NewBrowser();
        var response = await browser.SignInAsync("admin", PagesApp.AdminPassword, "/login?returnUrl=%2Fadmin%2Fusers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/users", response.Headers.Location!.OriginalString);
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Offload.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        var (page, _) = await browser.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("nobody", "whatever-password")]
    public async Task Wrong_credentials_show_one_error_and_set_no_session_cookie(string username, string password)
    {
        var response = await app.NewBrowser().SignInAsync(username, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong username or password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith("Offload.Session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_inactive_user_cannot_sign_in()
    {
        await app.CreateUserAsync("sleeper", Roles.User, active: false);
        var response = await app.NewBrowser().SignInAsync("sleeper", PagesApp.PasswordOf("sleeper"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong username or password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_rejected()
    {
        var anonymous = app.NewBrowser();
        var login = await anonymous.PostAsync("/login", [new("Input.Username", "admin"), new("Input.Password", PagesApp.AdminPassword)]);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);

        var admin = await app.AdminAsync();
        var create = await admin.PostAsync("/admin/courses", [new("Input.Code", "NOTOKEN"), new("Input.Title", "No token")]);
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        var (_, courses) = await admin.GetAsync("/admin/courses");
        Assert.DoesNotContain("NOTOKEN", courses, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/profile")]
    [InlineData("/admin/users")]
    [InlineData("/jobs")]
    public async Task An_anonymous_page_request_is_sent_to_the_login_page(string path)
    {
        var (response, _) = await app.NewBrowser().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_anonymous_api_request_still_gets_a_401_problem_not_a_redirect()
    {
        var (response, _) = await app.NewBrowser().GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_return_url_never_leads_off_site()
    {
        var response = await app.NewBrowser().SignInAsync("admin", PagesApp.AdminPassword, "/login?returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var browser = await app.AdminAsync();
        var response = await browser.SubmitAsync("/", [], "/logout");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (after, _) = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_user_loses_the_open_session()
    {
        var id = await app.CreateUserAsync("leaver", Roles.User);
        var browser = await app.SignedInAsync("leaver", PagesApp.PasswordOf("leaver"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).Response.StatusCode);

        var users = app.Services.GetRequiredService<IUserStore>();
        var user = await users.GetAsync(new GetUserRequest(id), default);
        await users.UpdateAsync(new UpdateUserRequest(user! with { Active = false }), default);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/profile")).Response.StatusCode);
    }

    [Fact]
    public async Task The_cookie_session_reads_the_api_like_a_token_does()
    {
        var browser = await app.AdminAsync();
        var (response, body) = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"role\":\"superadmin\"", body, StringComparison.Ordinal);
    }
}
