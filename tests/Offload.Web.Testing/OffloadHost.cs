using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Branches;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Testing;

namespace Offload.Web.Testing;

/// <summary>
/// The real host (all of Program.cs, workers included) on a fresh data folder and database, for every
/// host-level test project: in memory by default, or served by Kestrel on a loopback port when a real
/// browser must reach it. Test projects derive their own fixtures from it.
/// </summary>
public abstract class OffloadHost : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-password-1";

    protected OffloadHost(string name, bool kestrel = false)
    {
        DataPath = Path.Combine(Path.GetTempPath(), $"offload-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DataPath);
        // Test-only: the factory's hooks are synchronous, and the database must exist before the host starts.
        Database = TestDatabase.CreateAsync(DataPath).GetAwaiter().GetResult();
        if (!kestrel) return;
        Address = new Uri($"http://127.0.0.1:{HostPorts.Free()}");
        UseKestrel(Address.Port);
    }

    public string DataPath { get; }

    /// <summary>The store under test (SQLite, or PostgreSQL when OFFLOAD_TEST_STORE=postgres).</summary>
    public TestDatabase Database { get; }

    /// <summary>Where Kestrel listens, when the host was made for a real browser.</summary>
    public Uri? Address { get; }

    /// <summary>Extra settings a test class wants (limits, chunk size, workers).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Replacements a test class wants in the host's services (a fake clock).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public static string PasswordOf(string username) => username == "admin" ? AdminPassword : "password-" + username;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Offload:DataPath", DataPath);
        builder.UseSetting("Offload:Bootstrap:AdminPassword", AdminPassword);
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (TestServices is { } replace) builder.ConfigureTestServices(replace);
    }

    /// <summary>Creates an account straight in the store; its password is <see cref="PasswordOf"/>.</summary>
    public async Task<long> AddUserAsync(string username, string role, IReadOnlyList<long>? branchIds = null, string language = "en",
        string firstName = "", bool active = true) =>
        (await Services.GetRequiredService<IUserStore>().CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", FirstName = firstName, Role = role, Language = language,
            Active = active, PasswordHash = Services.GetRequiredService<IPasswordHasher>().Hash(PasswordOf(username)),
            BranchIds = branchIds ?? [],
        }, Now), default))!.Value;

    public async Task<long> CreateBranchAsync(string name) =>
        (await Services.GetRequiredService<IBranchStore>().CreateAsync(new CreateBranchRequest(name, null), default))!.Id;

    public Task<User?> FindUserAsync(string username) =>
        Services.GetRequiredService<IUserStore>().FindByUsernameAsync(new FindUserRequest(username), default);

    /// <summary>A script's client for an account: a bearer token written straight to the store, past the sign-in rate limit.</summary>
    public async Task<HttpClient> ClientForIdAsync(long userId, bool followRedirects = true)
    {
        var token = Auth.Tokens.New();
        await Services.GetRequiredService<ITokenStore>().CreateAsync(
            new CreateTokenRequest(Auth.Tokens.Hash(token), userId, Now, Now.AddHours(1)), default);
        var client = Address is { } address
            ? new HttpClient { BaseAddress = address }
            : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>With Offload:Workers = 0, runs every queued job to its end, here and now: tests decide when work happens.</summary>
    public async Task RunQueuedJobsAsync()
    {
        var store = Services.GetRequiredService<IJobStore>();
        var runner = Services.GetRequiredService<JobRunner>();
        while ((await store.ClaimAsync(new ClaimRequest("test-runner", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), default)) is [var job])
            await runner.RunAsync(job, "test-runner", default);
    }

    /// <summary>The host's clock, which a test may have moved.</summary>
    private DateTimeOffset Now => Services.GetRequiredService<TimeProvider>().GetUtcNow();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Database.DropAsync().GetAwaiter().GetResult();
        if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true);
    }
}
