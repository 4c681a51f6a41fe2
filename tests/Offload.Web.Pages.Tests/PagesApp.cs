using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Offload.Web.Testing;

namespace Offload.Web.Pages.Tests;

/// <summary>The real host in memory, driven like a browser would (cookies kept, redirects shown).</summary>
public sealed class PagesApp() : OffloadHost("pages")
{
    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public Browser NewBrowser() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<Browser> SignedInAsync(string username, string password)
    {
        var browser = NewBrowser();
        var response = await browser.SignInAsync(username, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public Task<Browser> AdminAsync() => SignedInAsync("admin", AdminPassword);

    /// <summary>Creates an account straight in the store; its password is <see cref="OffloadHost.PasswordOf"/>.</summary>
    public Task<long> CreateUserAsync(string username, string role, long[]? branchIds = null, string firstName = "", bool active = true) =>
        AddUserAsync(username, role, branchIds, firstName: firstName, active: active);

    /// <summary>A script's client: Bearer token, no cookies.</summary>
    public async Task<HttpClient> BearerClientAsync(string username, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/auth/tokens", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);
}
