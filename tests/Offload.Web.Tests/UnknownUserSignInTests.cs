using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Platform.Identity;
using Offload.Web.Auth;

namespace Offload.Web.Tests;

/// <summary>The host with its password hasher counted: how many verifications each kind of sign-in costs.</summary>
public sealed class CountedHasherApp : IDisposable
{
    public CountedHasherApp() =>
        App.TestServices = s => s.AddSingleton<IPasswordHasher>(Hasher);

    public OffloadApp App { get; } = new();

    public CountingHasher Hasher { get; } = new(new AspNetPasswordHasher());

    public void Dispose() => App.Dispose();

    /// <summary>The host's real hasher, counting its verifications.</summary>
    public sealed class CountingHasher(IPasswordHasher inner) : IPasswordHasher
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string Hash(string password) => inner.Hash(password);

        public bool Verify(string hash, string password)
        {
            Interlocked.Increment(ref _verifications);
            return inner.Verify(hash, password);
        }
    }
}

/// <summary>
/// An unknown username costs one hash verification like a known one, so the answer's time does not tell
/// which usernames exist (counted, not timed: the work done is what makes the time).
/// </summary>
public sealed class UnknownUserSignInTests(CountedHasherApp fx) : IClassFixture<CountedHasherApp>
{
    [Theory]
    [InlineData("nobody-at-all")]
    [InlineData("admin")]
    public async Task A_wrong_sign_in_costs_one_hash_verification_whether_or_not_the_username_exists(string username)
    {
        var client = fx.App.CreateClient();
        var before = fx.Hasher.Verifications;
        var response = await client.PostAsJsonAsync("/api/auth/tokens", new { username, password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, fx.Hasher.Verifications - before);
    }

    [Fact]
    public async Task An_inactive_account_costs_one_hash_verification_too()
    {
        await fx.App.AddUserAsync("sleeper", Roles.User, active: false);
        var before = fx.Hasher.Verifications;
        var response = await fx.App.CreateClient().PostAsJsonAsync("/api/auth/tokens",
            new { username = "sleeper", password = OffloadApp.PasswordOf("sleeper") });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, fx.Hasher.Verifications - before);
    }
}
