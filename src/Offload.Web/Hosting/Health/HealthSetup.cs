using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Offload.Web.Hosting.Health;

/// <summary>
/// /healthz (liveness: the process answers, nothing else is asked) and /readyz (readiness: each dependency a node
/// cannot work without), through ASP.NET Core's health checks, anonymous like a load balancer's probe.
/// </summary>
internal static class HealthSetup
{
    /// <summary>A check that has not answered by then is unhealthy: a hung database makes /readyz a prompt 503, not a hung probe.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The store and the data folder. Not SMTP: the outbox keeps mails and retries them, so taking a node out of
    /// its load balancer for a mail server's outage would only add an outage.
    /// </summary>
    public static IServiceCollection AddOffloadHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", timeout: CheckTimeout, tags: [Ready])
            .AddCheck<DataFolderHealthCheck>("data", timeout: CheckTimeout, tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapOffloadHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (http, _) => http.Response.WriteAsync("ok"),
        }).WithMetadata(Get).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = ReadinessReport.WriteAsync,
        }).WithMetadata(Get).AllowAnonymous();
        return app;
    }

    private const string Ready = "ready";

    /// <summary>GET only, as before the framework served them: a probe reads.</summary>
    private static readonly HttpMethodMetadata Get = new(["GET"]);
}
