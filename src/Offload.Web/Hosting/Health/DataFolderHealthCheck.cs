using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Offload.Jobs;

namespace Offload.Web.Hosting.Health;

/// <summary>
/// Readiness of <c>Offload:DataPath</c>: a file can be written there. Uploads land in it on web nodes, results and
/// .eml mails on workers; with several nodes it is a shared volume, which can go away on its own.
/// </summary>
internal sealed class DataFolderHealthCheck(IOptions<JobsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var probe = Path.Combine(options.Value.DataPath, $".ready-{Guid.NewGuid():N}");
        try
        {
            // On its own thread and abandoned at the timeout: a hung network volume blocks file calls whatever the token says.
            await Task.Run(() =>
            {
                using var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
                file.WriteByte(1);
            }, CancellationToken.None).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the framework reports its timeout
        }
        catch (Exception e)
        {
            // The message would name the folder: the log has it, the body does not.
            return HealthCheckResult.Unhealthy("The data folder cannot be written.", e);
        }
    }
}
