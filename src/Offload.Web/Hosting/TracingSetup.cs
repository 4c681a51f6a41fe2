using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Offload.Jobs;

namespace Offload.Web.Hosting;

/// <summary>
/// Traces for operators (issue 21), exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: then
/// the engine's spans (a run per job, a chunk under it), ASP.NET Core's requests and Npgsql's commands. Unset, no
/// listener is attached at all, so no span is ever made.
/// </summary>
internal static class TracingSetup
{
    /// <summary>The standard OpenTelemetry variable; the exporter reads it, and its siblings (protocol, headers), itself.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddOffloadTracing(this IServiceCollection services, IConfiguration config)
    {
        if (string.IsNullOrWhiteSpace(config[EndpointKey])) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(config["OTEL_SERVICE_NAME"] ?? "offload"))
            .WithTracing(tracing => tracing
                .AddSource(JobTracing.SourceName)
                .AddSource("Npgsql") // Npgsql's own ActivitySource: what Npgsql.OpenTelemetry's AddNpgsql() adds
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddOtlpExporter());
        return services;
    }

    /// <summary>Probes and scrapes come every few seconds and say nothing a trace needs.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");
}
