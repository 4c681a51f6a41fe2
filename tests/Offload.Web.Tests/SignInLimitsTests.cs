using System.Net;
using System.Net.Http.Json;

namespace Offload.Web.Tests;

/// <summary>
/// Password guessing is slowed per address (20 tries a minute) and per account (10 wrong passwords a minute,
/// from any number of addresses, form and API together), on the real host over loopback addresses.
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
    public async Task Ten_wrong_passwords_for_one_account_from_ten_addresses_block_it_for_a_minute_on_the_form_and_the_api()
    {
        var admin = await fx.Host.SignInAsync(SecurityHost.AdminPassword);
        foreach (var name in new[] { "victim", "bystander" })
            (await admin.PostAsJsonAsync("/api/users", new
            {
                username = name, email = $"{name}@example.com", language = "en", active = true, role = "user",
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
        var api = await fresh.PostAsJsonAsync("/api/auth/tokens", new { username = "victim", password = "Right-password-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("username", (await api.ProblemAsync()).Field);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoopbackClients.SignInWithFormAsync(fresh, "victim", "Right-password-1")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await fresh.PostAsJsonAsync("/api/auth/tokens", new { username = "bystander", password = "Right-password-1" })).StatusCode);
    }
}
