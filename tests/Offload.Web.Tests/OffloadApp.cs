using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Testing;

namespace Offload.Web.Tests;

/// <summary>The real host (all of Program.cs, workers included) on a fresh SQLite data folder.</summary>
public sealed class OffloadApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-password-1";

    public OffloadApp()
    {
        Directory.CreateDirectory(DataPath);
        // Test-only: the factory's hooks are synchronous, and the database must exist before the host starts.
        Database = TestDatabase.CreateAsync(DataPath).GetAwaiter().GetResult();
    }

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "offload-web-" + Guid.NewGuid().ToString("N"));

    /// <summary>The store under test (SQLite, or PostgreSQL when OFFLOAD_TEST_STORE=postgres).</summary>
    public TestDatabase Database { get; }

    /// <summary>Extra Offload:* settings a test class wants (limits, chunk size).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Replacements a test class wants in the host's services (a fake clock).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Offload:DataPath", DataPath);
        builder.UseSetting("Offload:Bootstrap:AdminPassword", AdminPassword);
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (TestServices is { } replace) builder.ConfigureTestServices(replace);
    }

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

    /// <summary>Creates an account straight in the store and signs it in.</summary>
    public async Task<(HttpClient Client, long Id)> UserAsync(string username, string role, params long[] branchIds)
    {
        var users = Services.GetRequiredService<IUserStore>();
        var hasher = Services.GetRequiredService<IPasswordHasher>();
        var id = (await users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", Role = role, PasswordHash = hasher.Hash("password-" + username),
            BranchIds = branchIds,
        }, DateTimeOffset.UtcNow), default))!.Value;
        return (await ClientForAsync(username, "password-" + username), id);
    }

    /// <summary>With Offload:Workers = 0, runs every queued job to its end, here and now: tests decide when work happens.</summary>
    public async Task RunQueuedJobsAsync()
    {
        var store = Services.GetRequiredService<IJobStore>();
        var runner = Services.GetRequiredService<JobRunner>();
        while (await store.ClaimAsync(new ClaimRequest("test-runner", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), default) is { } job)
            await runner.RunAsync(job, "test-runner", default);
    }

    /// <summary>A bearer token for an account, written straight to the store (no rate limit in the way).</summary>
    public async Task<HttpClient> ClientForIdAsync(long userId, bool followRedirects = true)
    {
        var token = Auth.Tokens.New();
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow(); // the host's clock, which a test may have moved
        await Services.GetRequiredService<ITokenStore>().CreateAsync(
            new CreateTokenRequest(Auth.Tokens.Hash(token), userId, now, now.AddHours(1)), default);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Database.DropAsync().GetAwaiter().GetResult();
        if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true);
    }

    private sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);
}
