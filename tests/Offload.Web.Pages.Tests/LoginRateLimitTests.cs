using System.Net;

namespace Offload.Web.Pages.Tests;

/// <summary>Its own host: the limiter's window would otherwise be shared with the other classes' sign-ins.</summary>
public sealed class LoginRateLimitTests(PagesApp app) : IClassFixture<PagesApp>
{
    [Fact]
    public async Task Guessing_passwords_on_the_login_form_is_slowed_down_but_showing_it_is_not()
    {
        var browser = app.NewBrowser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++) statuses.Add((await browser.SignInAsync("admin", "guess-" + i)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/login")).Response.StatusCode);
    }
}
