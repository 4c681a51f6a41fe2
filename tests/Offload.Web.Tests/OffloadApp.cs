using System.Net.Http.Headers;
using System.Net.Http.Json;
using Offload.Web.Testing;

namespace Offload.Web.Tests;

/// <summary>The real host in memory, for real HTTP through the ASP.NET Core pipeline.</summary>
public sealed class OffloadApp() : OffloadHost("web")
{
    /// <summary>A script's client, signed in through POST /api/auth/tokens like a real script.</summary>
    public async Task<HttpClient> ClientForAsync(string username, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/tokens", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientForAsync("admin", AdminPassword);

    /// <summary>The admin's client by a token written straight to the store: past the sign-in rate limit, for tests that sign in often.</summary>
    public async Task<HttpClient> AdminByTokenAsync() => await ClientForIdAsync((await FindUserAsync("admin"))!.Id);

    /// <summary>Creates an account straight in the store and signs it in.</summary>
    public async Task<(HttpClient Client, long Id)> UserAsync(string username, string role, params long[] branchIds)
    {
        var id = await AddUserAsync(username, role, branchIds);
        return (await ClientForAsync(username, PasswordOf(username)), id);
    }

    private sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);
}
