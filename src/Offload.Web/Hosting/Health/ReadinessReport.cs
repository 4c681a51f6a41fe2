using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Offload.Web.Hosting.Health;

/// <summary>
/// /readyz's body: the overall status and each check's name, status, time and — when not healthy — its fixed
/// sentence, so an operator sees which dependency fails. Never an exception's message (hosts, users, paths).
/// </summary>
internal static class ReadinessReport
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new Body(report.Status.ToString(), [.. report.Entries.Select(e => new Check(
            e.Key, e.Value.Status.ToString(), (long)e.Value.Duration.TotalMilliseconds,
            e.Value.Status == HealthStatus.Healthy ? null : e.Value.Description))]);
        return JsonSerializer.SerializeAsync(http.Response.Body, body, Options, http.RequestAborted);
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record Body(string Status, IReadOnlyList<Check> Checks);

    private sealed record Check(string Name, string Status, long DurationMs, string? Reason);
}
