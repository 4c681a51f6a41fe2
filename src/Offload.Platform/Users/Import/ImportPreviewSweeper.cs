using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Offload.Platform.Users.Import;

/// <summary>
/// Deletes expired import previews with their files, once a minute of the host's clock (a test moves a fake one).
/// Every node may run it: the data folder is shared and deleting a preview twice is harmless.
/// </summary>
public sealed class ImportPreviewSweeper(UsersImportPreviews previews, TimeProvider clock, ILogger<ImportPreviewSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                var swept = await previews.SweepAsync(stoppingToken);
                if (swept > 0) logger.LogInformation("Deleted {Count} expired import previews", swept);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Sweeping import previews failed; trying again at the next interval");
            }
        }
    }
}
