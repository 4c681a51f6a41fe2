using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;
using Offload.Web.Testing;

namespace Offload.Browser.Tests;

/// <summary>The real host served by Kestrel on a loopback port, so a real browser reaches it over HTTP.</summary>
public sealed class LiveApp : OffloadHost
{
    /// <summary>Small chunks, each paced (<see cref="PacedJobStore"/>): an import of N rows takes at least N ms
    /// on any machine, so thousands of rows run long enough to watch a bar move and to press X.</summary>
    public const int ChunkSize = 10;

    public static readonly TimeSpan ChunkPause = TimeSpan.FromMilliseconds(10);

    public LiveApp() : base("browser", kestrel: true)
    {
        Settings["Offload:ChunkSize"] = ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        TestServices = services =>
        {
            // Each driver registers its store by type (AddSingleton<IJobStore, SqliteJobStore>).
            var driver = services.Last(d => d.ServiceType == typeof(IJobStore)).ImplementationType!;
            services.AddSingleton<IJobStore>(sp => new PacedJobStore((IJobStore)ActivatorUtilities.CreateInstance(sp, driver), ChunkPause));
        };
    }

    public new Uri Address => base.Address!;

    /// <summary>Creates an account straight in the store; its password is <see cref="OffloadHost.PasswordOf"/>.</summary>
    public Task<long> CreateUserAsync(string username, string role, string language = "en", params long[] branchIds) =>
        AddUserAsync(username, role, branchIds, language);

    /// <summary>A Power User with a branch of their own (named after them), and their script's client.</summary>
    public async Task<HttpClient> PowerUserAsync(string username, string language = "en")
    {
        await CreateUserAsync(username, Roles.PowerUser, language, await CreateBranchAsync(username));
        return await ApiAsync(username);
    }

    /// <summary>A script's client for an account: a bearer token written straight to the store, past the sign-in rate limit.</summary>
    public async Task<HttpClient> ApiAsync(string username) =>
        await ClientForIdAsync((await FindUserAsync(username) ?? throw new InvalidOperationException($"no user {username}")).Id);
}
