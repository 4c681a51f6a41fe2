namespace Offload.Web.Tests;

/// <summary>
/// The sign-in cookies as a browser receives them from the real host: HttpOnly and SameSite always, Secure
/// whenever the browser came over https (here through a TLS-terminating proxy's X-Forwarded-Proto), and
/// still usable on plain http://localhost for the one-command demo.
/// </summary>
public sealed class SessionCookieTests(SecurityHost fx) : IClassFixture<SecurityHost>
{
    [Fact]
    public async Task Behind_https_every_cookie_is_Secure_HttpOnly_and_SameSite()
    {
        using var browser = LoopbackClients.From(fx.Host.Address, "127.0.2.1");
        var (response, cookies) = await LoopbackClients.SignInWithFormAsync(browser, "admin", SecurityHost.AdminPassword, behindHttpsProxy: true);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var session = Assert.Single(cookies, c => c.StartsWith("Offload.Session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", session, StringComparison.Ordinal);
        Assert.Contains("; httponly", session, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", session, StringComparison.Ordinal);
        var antiforgery = Assert.Single(cookies, c => c.StartsWith("Offload.Antiforgery=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", antiforgery, StringComparison.Ordinal);
        Assert.Contains("; httponly", antiforgery, StringComparison.Ordinal);
        Assert.Matches("; samesite=(lax|strict)", antiforgery);
    }

    [Fact]
    public async Task On_plain_http_the_session_cookie_is_HttpOnly_and_SameSite_Lax_but_not_Secure()
    {
        using var browser = LoopbackClients.From(fx.Host.Address, "127.0.2.2");
        var (response, cookies) = await LoopbackClients.SignInWithFormAsync(browser, "admin", SecurityHost.AdminPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var session = Assert.Single(cookies, c => c.StartsWith("Offload.Session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.DoesNotContain("; secure", session, StringComparison.Ordinal);
        Assert.Contains("; httponly", session, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", session, StringComparison.Ordinal);
    }
}
