using System.Net;
using System.Net.Http.Json;

namespace Offload.Web.Tests;

/// <summary>A host whose tokens live two hours (Offload:Auth:TokenLifetime).</summary>
public sealed class ShortTokensApp : IDisposable
{
    public ShortTokensApp() => App.Settings["Offload:Auth:TokenLifetime"] = "02:00:00";

    public OffloadApp App { get; } = new();

    public void Dispose() => App.Dispose();
}

public sealed class TokenLifetimeTests(ShortTokensApp fx) : IClassFixture<ShortTokensApp>
{
    [Fact]
    public async Task A_token_expires_after_the_configured_lifetime()
    {
        var before = DateTimeOffset.UtcNow;
        var response = await fx.App.CreateClient().PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = OffloadApp.AdminPassword });
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var expiresAt = (await response.Content.ReadFromJsonAsync<TokenBody>())!.ExpiresAt;
        Assert.InRange(expiresAt, before.AddHours(2).AddSeconds(-1), after.AddHours(2).AddSeconds(1));
    }

    private sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);
}
