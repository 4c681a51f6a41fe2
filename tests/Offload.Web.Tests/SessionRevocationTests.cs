using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Offload.Platform.Identity;

namespace Offload.Web.Tests;

/// <summary>
/// Sessions and tokens end when they should, not when they expire: a cookie copied before sign-out, a token
/// or session from before a password reset, a demotion or a deactivation, and tokens a Superadmin revoked are
/// all refused. Through real HTTP, cookies carried by hand as a copied cookie would be.
/// </summary>
public sealed partial class SessionRevocationTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    private HttpClient NewBrowser() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Signs in by the form; the session cookie as the browser sends it back ("Offload.Session=...").</summary>
    private async Task<string> SignInAsync(string username)
    {
        var (response, cookies) = await LoopbackClients.SignInWithFormAsync(NewBrowser(), username, OffloadApp.PasswordOf(username));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Assert.Single(cookies, c => c.StartsWith("Offload.Session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private async Task<HttpStatusCode> MeAsync(string sessionCookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", sessionCookie);
        return (await NewBrowser().SendAsync(request)).StatusCode;
    }

    /// <summary>The sign-out form, as a browser posts it (antiforgery token and cookie included).</summary>
    private async Task SignOutAsync(string sessionCookie)
    {
        var browser = NewBrowser();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/logout");
        get.Headers.Add("Cookie", sessionCookie);
        var page = await browser.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Offload.Antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        var token = FormToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", $"{sessionCookie}; {antiforgery}");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(post)).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    private async Task ChangeAsync(long id, string username, string role, string? password = null) =>
        (await (await _app.AdminAsync()).PutAsJsonAsync($"/api/users/{id}", new { username, email = $"{username}@example.com", role, password }))
        .EnsureSuccessStatusCode();

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_is_refused_after_it_and_the_users_other_browser_stays_signed_in()
    {
        await _app.AddUserAsync("roamer", Roles.PowerUser);
        var laptop = await SignInAsync("roamer");
        var phone = await SignInAsync("roamer");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(laptop));

        await SignOutAsync(laptop);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(laptop));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(phone));
    }

    [Fact]
    public async Task A_token_and_a_session_from_before_an_admin_resets_the_password_are_refused_after_it()
    {
        var id = await _app.AddUserAsync("forgetful", Roles.PowerUser);
        var script = await _app.ClientForAsync("forgetful", OffloadApp.PasswordOf("forgetful"));
        var session = await SignInAsync("forgetful");
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);

        await ChangeAsync(id, "forgetful", Roles.PowerUser, password: "Reset-by-the-admin-1");

        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(session));
        var renewed = await _app.ClientForAsync("forgetful", "Reset-by-the-admin-1");
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task After_demotion_from_Superadmin_the_old_token_and_session_no_longer_act_as_Superadmin()
    {
        var id = await _app.AddUserAsync("deputy", Roles.Superadmin);
        var script = await _app.ClientForAsync("deputy", OffloadApp.PasswordOf("deputy"));
        var session = await SignInAsync("deputy");
        Assert.Equal(HttpStatusCode.Created, (await script.PostAsJsonAsync("/api/branches", new { name = "Deputy's branch" })).StatusCode);

        await ChangeAsync(id, "deputy", Roles.User);

        Assert.Equal(HttpStatusCode.Unauthorized, (await script.PostAsJsonAsync("/api/branches", new { name = "After demotion" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(session));
    }

    [Fact]
    public async Task A_token_from_before_a_deactivation_stays_dead_after_the_account_is_activated_again()
    {
        var id = await _app.AddUserAsync("seasonal", Roles.User);
        var script = await _app.ClientForIdAsync(id);
        var admin = await _app.AdminAsync();
        foreach (var active in new[] { false, true })
        {
            (await admin.PostAsJsonAsync("/api/mass-actions/users-status", new { selection = new { userIds = new[] { id } }, active }))
                .EnsureSuccessStatusCode();
            await _app.RunQueuedJobsAsync();
        }

        Assert.True((await _app.FindUserAsync("seasonal"))!.Active);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_Superadmin_revokes_every_token_of_a_user_and_an_unknown_user_is_a_404()
    {
        var id = await _app.AddUserAsync("leaky", Roles.PowerUser);
        var first = await _app.ClientForIdAsync(id);
        var second = await _app.ClientForIdAsync(id);
        var admin = await _app.AdminAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{id}/tokens")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/users/987654321/tokens")).StatusCode);
    }
}
