using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offload.Jobs.Audit;
using Offload.Jobs.Storage;

namespace Offload.Jobs.Retention;

/// <summary>
/// Deletes finished jobs past their expiry (created + Offload:Retention) with everything they own:
/// rows, error log, notifications, files. Queued and running jobs are never touched. Also removes
/// job folders left without a job by a crash between a delete's two steps, and audit entries past their own
/// retention (Offload:Audit:Retention), which never go with their job.
/// </summary>
public sealed class RetentionSweeper(IJobRetentionStore store, IJobMonitor monitor, JobFiles files, JobEvents events, TimeProvider clock,
    IOptions<JobsOptions> options, IAuditTrail audit, IOptions<AuditOptions> auditOptions, ILogger<RetentionSweeper> logger) : BackgroundService
{
    private const int Batch = 500;

    /// <summary>An upload's folder exists before its job row; only folders this old can be orphans.</summary>
    private static readonly TimeSpan OrphanAge = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
                await Task.Delay(options.Value.SweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Retention sweep failed; trying again at the next interval");
                await Task.Delay(options.Value.SweepInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>One full pass; returns how many jobs it deleted.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var purged = await store.PurgeExpiredAsync(new PurgeExpiredRequest(clock.GetUtcNow(), Batch), ct);
            foreach (var job in purged)
            {
                files.Delete(job.Id);
                events.Publish(new JobChange(job.Id, job.OwnerId, JobChangeKind.Deleted));
            }
            total += purged.Count;
            if (purged.Count < Batch) break;
        }
        if (total > 0) logger.LogInformation("Retention deleted {Count} expired jobs", total);
        await DeleteOrphanFoldersAsync(ct);
        await PurgeAuditAsync(ct);
        return total;
    }

    private async Task PurgeAuditAsync(CancellationToken ct)
    {
        var (cutOff, total) = (clock.GetUtcNow() - auditOptions.Value.Retention, 0);
        int purged;
        do total += purged = await audit.PurgeAsync(new PurgeAuditRequest(cutOff, Batch), ct);
        while (purged == Batch);
        if (total > 0) logger.LogInformation("Audit retention deleted {Count} entries", total);
    }

    private async Task DeleteOrphanFoldersAsync(CancellationToken ct)
    {
        foreach (var (id, folder) in files.Folders())
        {
            if (clock.GetUtcNow() - Directory.GetCreationTimeUtc(folder) < OrphanAge) continue;
            if (await monitor.GetAsync(new GetJobRequest(id), ct) is null)
            {
                files.Delete(id);
                logger.LogInformation("Removed the folder of job {JobId}, which no longer exists", id);
            }
        }
    }
}
