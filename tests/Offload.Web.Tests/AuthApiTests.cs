using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Offload.Platform.Identity;

namespace Offload.Web.Tests;

public sealed class AuthApiTests(OffloadApp app) : IClassFixture<OffloadApp>
{
    [Fact]
    public async Task Valid_credentials_get_a_201_token_that_expires()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/tokens", new { username = "ADMIN", password = OffloadApp.AdminPassword });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.True(body!["token"].ToString()!.Length >= 40);
        Assert.True(DateTimeOffset.Parse(body["expiresAt"].ToString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddDays(1));
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("nobody", "whatever-password")]
    public async Task Wrong_password_and_unknown_user_get_the_same_401(string username, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/tokens", new { username, password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("Wrong username or password", problem.Title);
    }

    [Fact]
    public async Task A_missing_username_is_a_400_naming_the_field()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/tokens", new { password = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("username", (await response.ProblemAsync()).Field);
    }

    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/api/me" },
        { "DELETE", "/api/auth/tokens/current" },
        { "GET", "/api/jobs" },
        { "GET", "/api/jobs/01a21291-5fa3-77cd-9e05-3b55bec7898f" },
        { "POST", "/api/jobs/01a21291-5fa3-77cd-9e05-3b55bec7898f/abort" },
        { "DELETE", "/api/jobs/01a21291-5fa3-77cd-9e05-3b55bec7898f" },
        { "GET", "/api/jobs/01a21291-5fa3-77cd-9e05-3b55bec7898f/errors.csv" },
        { "POST", "/api/mass-actions/users-import" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Anonymous_callers_get_401_everywhere(string method, string path)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task A_garbage_token_gets_401(string method, string path)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_learner_may_sign_in_and_read_themselves_but_gets_403_on_jobs_and_mass_actions()
    {
        var (learner, id) = await app.UserAsync("learner1", Roles.User);
        var me = await learner.GetFromJsonAsync<Dictionary<string, object>>("/api/me");
        Assert.Equal("learner1", me!["username"].ToString());
        Assert.Equal("user", me["role"].ToString());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), me["id"].ToString());

        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync("/api/jobs")).StatusCode);
        var import = await learner.ImportAsync("username,email\nx,x@example.com\n");
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal("Not allowed", (await import.ProblemAsync()).Title);
    }

    [Fact]
    public async Task A_revoked_token_stops_working()
    {
        var client = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/auth/tokens/current")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_api_description_need_no_sign_in(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(path)).StatusCode);
    }
}
