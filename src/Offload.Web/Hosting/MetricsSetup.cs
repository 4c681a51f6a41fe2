using OpenTelemetry.Metrics;
using Offload.Jobs;

namespace Offload.Web.Hosting;

/// <summary>
/// Metrics for operators (SPEC §8): the engine's meter (items/s, pickup latency, outcomes, queue depth) and
/// ASP.NET Core's and the runtime's, in Prometheus text at /metrics.
/// </summary>
internal static class MetricsSetup
{
    public static IServiceCollection AddOffloadMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(JobMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>The queue depth is read from the store right before each scrape of /metrics.</summary>
    public static IApplicationBuilder UseOffloadMetrics(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path == Path, scrape => scrape.Use(async (http, next) =>
        {
            await http.RequestServices.GetRequiredService<JobMetrics>().RefreshQueueDepthAsync(http.RequestAborted);
            await next(http);
        }));

    /// <summary>/metrics, open like /healthz: scrapers do not sign in, and it holds counts only — no names, no ids.</summary>
    public static IEndpointRouteBuilder MapOffloadMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path).WithMetadata(new HttpMethodMetadata(["GET"])).AllowAnonymous();
        return app;
    }

    private const string Path = "/metrics";
}
