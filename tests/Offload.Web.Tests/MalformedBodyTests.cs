using System.Net;
using System.Text;

namespace Offload.Web.Tests;

/// <summary>A body that does not bind is the client's mistake in every environment: a 400 problem, never a 500.</summary>
public sealed class MalformedBodyTests(OffloadApp app) : IClassFixture<OffloadApp>
{
    [Theory]
    [InlineData("{\"username\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"username\": 12, \"password\": {}}")]
    public async Task Malformed_json_to_the_token_endpoint_is_a_400_problem_even_in_development(string body)
    {
        // The test host runs as Development, where minimal APIs used to throw on a body that does not bind.
        var response = await app.CreateClient().PostAsync("/api/auth/tokens", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
