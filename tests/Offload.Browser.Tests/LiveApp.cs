using Offload.Platform.Identity;
using Offload.Web.Testing;

namespace Offload.Browser.Tests;

/// <summary>The real host served by Kestrel on a loopback port, so a real browser reaches it over HTTP.</summary>
public sealed class LiveApp : OffloadHost
{
    /// <summary>Small chunks: an import of a few thousand rows runs for seconds, long enough to watch its bar move.</summary>
    public const int ChunkSize = 2;

    public LiveApp() : base("browser", kestrel: true) =>
        Settings["Offload:ChunkSize"] = ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
