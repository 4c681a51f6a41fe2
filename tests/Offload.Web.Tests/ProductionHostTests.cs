using System.Net;
using System.Text;
using System.Text.Json;

namespace Offload.Web.Tests;

/// <summary>
/// The README's command runs the host as production (issue 22, item 10): no launch profile forces
/// Development on it, and what it serves there — styles, scripts, a 400 for a malformed body — works.
/// </summary>
public sealed class ProductionHostTests(SecurityHost fx) : IClassFixture<SecurityHost>
{
    [Fact]
    public void The_default_launch_profile_leaves_the_environment_to_the_operator()
    {
        var settings = Path.Combine(AppContext.BaseDirectory, "../../../../../src/Offload.Web/Properties/launchSettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(settings));
        // dotnet run takes the first profile; Development is a profile a developer picks with --launch-profile.
        var first = json.RootElement.GetProperty("profiles").EnumerateObject().First();
        Assert.False(first.Value.TryGetProperty("environmentVariables", out var variables)
            && variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out _), $"profile '{first.Name}' sets ASPNETCORE_ENVIRONMENT");
    }

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/js/jobs-page.js", "text/javascript")]
    public async Task A_production_host_run_from_its_build_output_serves_styles_and_scripts(string path, string type)
    {
        using var client = new HttpClient { BaseAddress = fx.Host.Address };
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_json_to_the_token_endpoint_is_a_400_problem_in_production()
    {
        using var client = new HttpClient { BaseAddress = fx.Host.Address };
        var response = await client.PostAsync("/api/auth/tokens", new StringContent("{\"username\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
