using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace Offload.Web.Tests;

/// <summary>
/// Passwords never reach the logs, even at Trace level, wherever they come in (token request, login form,
/// user API, CSV import, wrong guesses); bearer tokens are stored only as SHA-256 hashes, passwords only as
/// salted hashes — a stolen database or log file gives no way in.
/// </summary>
public sealed class SecretsTests(SecurityHost fx) : IClassFixture<SecurityHost>
{
    [Fact]
    public async Task Passwords_and_tokens_appear_in_no_log_and_only_hashed_in_the_database()
    {
        var host = fx.Host;
        using var anonymous = new HttpClient { BaseAddress = host.Address };
        var tokenResponse = await anonymous.PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = SecurityHost.AdminPassword });
        Assert.Equal(HttpStatusCode.Created, tokenResponse.StatusCode);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["token"].ToString()!;
        var wrong = await anonymous.PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = "Wr0ng-guess-never-logged" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        using var admin = new HttpClient { BaseAddress = host.Address };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var created = await admin.PostAsJsonAsync("/api/users", new
        {
            username = "secret-user", email = "secret-user@example.com", language = "en", active = true, role = "user",
            password = "Api-created-never-logged", branchIds = Array.Empty<long>(),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await admin.ImportJobAsync("username,email,password\nsecret-csv,secret-csv@example.com,Csv-imported-never-logged\n");
        Assert.Equal("completed", (await admin.WaitFinishedAsync(job.Id)).Status);
        using var browser = LoopbackClients.From(host.Address, "127.0.0.1");
        var (signedIn, _) = await LoopbackClients.SignInWithFormAsync(browser, "secret-csv", "Csv-imported-never-logged");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var (refused, _) = await LoopbackClients.SignInWithFormAsync(browser, "secret-user", "Form-guess-never-logged");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var log = host.Output;
        Assert.Contains("POST", log, StringComparison.Ordinal); // Trace logging was on: requests were logged
        foreach (var secret in new[] { SecurityHost.AdminPassword, "Wr0ng-guess", "Api-created", "Csv-imported", "Form-guess", token })
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.Equal(1L, Convert.ToInt64(await fx.Database.ScalarAsync($"SELECT count(*) FROM api_tokens WHERE token_hash = '{hash}'")));
        Assert.Equal(0L, Convert.ToInt64(await fx.Database.ScalarAsync($"SELECT count(*) FROM api_tokens WHERE token_hash = '{token}'")));
        Assert.Equal(0L, Convert.ToInt64(await fx.Database.ScalarAsync(
            "SELECT count(*) FROM users WHERE password_hash LIKE '%never-logged%' OR password_hash IS NULL AND username LIKE 'secret-%'")));
    }
}
