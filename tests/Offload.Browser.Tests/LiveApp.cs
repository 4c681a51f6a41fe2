using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Offload.Platform.Branches;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Browser.Tests;

/// <summary>
/// The real host (all of Program.cs, workers included) served by Kestrel on a loopback port, so a real
/// browser reaches it over HTTP, on a fresh SQLite data folder.
/// </summary>
public sealed class LiveApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-password-1";

    /// <summary>Small chunks: an import of a few thousand rows runs for seconds, long enough to watch its bar move.</summary>
    public const int ChunkSize = 2;

    public LiveApp()
    {
        Address = new Uri($"http://127.0.0.1:{FreePort()}");
        UseKestrel(Address.Port);
    }

    public Uri Address { get; }

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "offload-browser-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Offload:DataPath", DataPath);
        builder.UseSetting("Offload:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Offload:ChunkSize", ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static string PasswordOf(string username) => username == "admin" ? AdminPassword : "password-" + username;

    /// <summary>Creates an account straight in the store; its password is <see cref="PasswordOf"/>.</summary>
    public async Task<long> CreateUserAsync(string username, string role, string language = "en", params long[] branchIds) =>
        (await Services.GetRequiredService<IUserStore>().CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", Role = role, Language = language,
            PasswordHash = Services.GetRequiredService<IPasswordHasher>().Hash(PasswordOf(username)), BranchIds = branchIds,
        }, DateTimeOffset.UtcNow), default))!.Value;

    /// <summary>A Power User with a branch of their own (named after them), and their script's client.</summary>
    public async Task<HttpClient> PowerUserAsync(string username, string language = "en")
    {
        await CreateUserAsync(username, Roles.PowerUser, language, await CreateBranchAsync(username));
        return await ApiAsync(username);
    }

    public async Task<long> CreateBranchAsync(string name) =>
        (await Services.GetRequiredService<IBranchStore>().CreateAsync(new CreateBranchRequest(name, null), default))!.Id;

    public async Task<User?> FindUserAsync(string username) =>
        await Services.GetRequiredService<IUserStore>().FindByUsernameAsync(new FindUserRequest(username), default);

    /// <summary>A script's client for an account: a bearer token written straight to the store, past the sign-in rate limit.</summary>
    public async Task<HttpClient> ApiAsync(string username)
    {
        var user = await FindUserAsync(username) ?? throw new InvalidOperationException($"no user {username}");
        var token = Web.Auth.Tokens.New();
        var now = DateTimeOffset.UtcNow;
        await Services.GetRequiredService<ITokenStore>().CreateAsync(new CreateTokenRequest(Web.Auth.Tokens.Hash(token), user.Id, now, now.AddHours(1)), default);
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
