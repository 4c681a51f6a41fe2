using Offload.Storage.Sql;

namespace Offload.Web.Hosting;

internal static class HealthEndpoints
{
    /// <summary>/healthz: the process answers. /readyz: and its store answers too.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous();
        app.MapGet("/readyz", async (SqlDatabase store, CancellationToken ct) =>
        {
            try
            {
                return await store.IsReachableAsync(ct) ? Results.Text("ready") : Results.StatusCode(503);
            }
            catch (Exception)
            {
                return Results.StatusCode(503);
            }
        }).AllowAnonymous();
        return app;
    }
}
