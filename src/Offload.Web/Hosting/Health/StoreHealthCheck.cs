using Microsoft.Extensions.Diagnostics.HealthChecks;
using Offload.Storage.Sql;

namespace Offload.Web.Hosting.Health;

/// <summary>Readiness of the store this node was configured with (SQLite or PostgreSQL): it answers a read of Offload's schema.</summary>
internal sealed class StoreHealthCheck(SqlDatabase store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            // On its own thread and abandoned at the timeout: SQLite's provider waits out a locked file synchronously.
            return await Task.Run(() => store.IsReachableAsync(cancellationToken), CancellationToken.None).WaitAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy(NotMigrated);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the framework reports its timeout
        }
        catch (Exception e)
        {
            // A fixed sentence in the body: a driver's message may name the host, the port, the user or the file.
            // The exception itself goes to the log only.
            return HealthCheckResult.Unhealthy(Unreachable, e);
        }
    }

    private const string Unreachable = "The database did not answer.";
    private const string NotMigrated = "The database answered without Offload's schema.";
}
