using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Offload.Platform.Branches;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Pages.Tests;

/// <summary>The real host (all of Program.cs) on a fresh SQLite data folder, driven like a browser would.</summary>
public sealed class PagesApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-password-1";

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "offload-pages-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Offload:DataPath", DataPath);
        builder.UseSetting("Offload:Bootstrap:AdminPassword", AdminPassword);
    }

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

    public static string PasswordOf(string username) => "password-" + username;

    /// <summary>Creates an account straight in the store; its password is <see cref="PasswordOf"/>.</summary>
    public async Task<long> CreateUserAsync(string username, string role, long[]? branchIds = null, string firstName = "", bool active = true)
    {
        var users = Services.GetRequiredService<IUserStore>();
        var hasher = Services.GetRequiredService<IPasswordHasher>();
        return (await users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", FirstName = firstName, Role = role, Active = active,
            PasswordHash = hasher.Hash(PasswordOf(username)), BranchIds = branchIds ?? [],
        }, DateTimeOffset.UtcNow), default))!.Value;
    }

    public async Task<long> CreateBranchAsync(string name) =>
        (await Services.GetRequiredService<IBranchStore>().CreateAsync(new CreateBranchRequest(name, null), default))!.Id;

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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true);
    }

    private sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);
}
