using System.Net;
using System.Net.Http.Json;

namespace Offload.Web.Tests;

/// <summary>
/// Password guessing is slowed per address (20 tries a minute) and per account and address (10 wrong passwords
/// a minute, form and API together), on the real host over loopback addresses; a stranger's guesses never
/// lock the account's owner out.
/// </summary>
public sealed class SignInLimitsTests(SecurityHost fx) : IClassFixture<SecurityHost>
{
    [Fact]
    public async Task One_address_gets_429_after_20_token_requests_and_another_address_is_served()
    {
        using var guesser = LoopbackClients.From(fx.Host.Address, "127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
            statuses.Add((await guesser.PostAsJsonAsync("/api/auth/tokens", new { username = $"nobody{i}", password = "whatever-guess" })).StatusCode);
        Assert.All(statuses[..20], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        var limited = await guesser.PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = SecurityHost.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("Too many attempts", (await limited.ProblemAsync()).Title);

        using var other = LoopbackClients.From(fx.Host.Address, "127.0.0.3");
        Assert.Equal(HttpStatusCode.Created,
            (await other.PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = SecurityHost.AdminPassword })).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_for_admin_from_one_address_never_lock_admin_out_of_another_address()
    {
        using var stranger = LoopbackClients.From(fx.Host.Address, "127.0.2.1");
        for (var i = 1; i <= 10; i++)
            if (i % 2 == 0)
                Assert.Equal(HttpStatusCode.Unauthorized,
                    (await stranger.PostAsJsonAsync("/api/auth/tokens", new { username = "Admin", password = $"guess-{i}" })).StatusCode);
            else
                Assert.Equal(HttpStatusCode.OK, (await LoopbackClients.SignInWithFormAsync(stranger, "admin", $"guess-{i}")).Response.StatusCode);

        // The stranger's own budget for admin is spent: even the right password is not looked at from there.
        var refused = await stranger.PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = SecurityHost.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("username", (await refused.ProblemAsync()).Field);
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await LoopbackClients.SignInWithFormAsync(stranger, "admin", SecurityHost.AdminPassword)).Response.StatusCode);

        // The owner, from an address with no failures, signs in by both doors at once.
        using var owner = LoopbackClients.From(fx.Host.Address, "127.0.2.2");
        Assert.Equal(HttpStatusCode.Created,
            (await owner.PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = SecurityHost.AdminPassword })).StatusCode);
        var form = await LoopbackClients.SignInWithFormAsync(owner, "admin", SecurityHost.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, form.Response.StatusCode);
        Assert.Contains(form.SetCookies, c => c.StartsWith("Offload.Session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ten_wrong_passwords_for_one_account_from_ten_addresses_never_refuse_the_right_password_from_an_eleventh()
    {
        var admin = await fx.Host.SignInAsync(SecurityHost.AdminPassword);
        (await admin.PostAsJsonAsync("/api/users", new
        {
            username = "victim", email = "victim@example.com", language = "en", active = true, role = "user",
            password = "Right-password-1", branchIds = Array.Empty<long>(),
        })).EnsureSuccessStatusCode();

        for (var i = 1; i <= 10; i++)
        {
            using var attacker = LoopbackClients.From(fx.Host.Address, $"127.0.1.{i}");
            if (i % 2 == 0)
                Assert.Equal(HttpStatusCode.Unauthorized,
                    (await attacker.PostAsJsonAsync("/api/auth/tokens", new { username = "VICTIM", password = $"guess-{i}" })).StatusCode);
            else
                Assert.Equal(HttpStatusCode.OK, (await LoopbackClients.SignInWithFormAsync(attacker, "victim", $"guess-{i}")).Response.StatusCode);
        }

        using var fresh = LoopbackClients.From(fx.Host.Address, "127.0.1.50");
        Assert.Equal(HttpStatusCode.Created,
            (await fresh.PostAsJsonAsync("/api/auth/tokens", new { username = "victim", password = "Right-password-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LoopbackClients.SignInWithFormAsync(fresh, "victim", "Right-password-1")).Response.StatusCode);
    }
}
