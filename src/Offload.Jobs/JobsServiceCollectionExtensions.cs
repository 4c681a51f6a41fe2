using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Offload.Jobs.Completion;
using Offload.Jobs.Mail;
using Offload.Jobs.Retention;

namespace Offload.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// The engine: queue, control, runner; with <paramref name="runWorkers"/> also the worker pool and the
    /// retention sweeper. The outbox sender needs a mail transport, so the host adds it (see OutboxDispatcher).
    /// </summary>
    public static IServiceCollection AddOffloadJobs(this IServiceCollection services, bool runWorkers)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobEvents>();
        services.AddSingleton<OutboxWake>();
        services.AddSingleton<JobFiles>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobControl>();
        services.AddSingleton<JobRunner>();
        services.AddMetrics();
        services.AddSingleton<JobMetrics>();
        services.AddSingleton<JobThroughput>();
        services.TryAddSingleton<IJobCompletionComposer, NoCompletion>();
        services.AddSingleton<RetentionSweeper>();
        if (runWorkers)
        {
            services.AddHostedService<WorkerPool>();
            services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        }
        return services;
    }
}

/// <summary>For hosts that leave no trace of a job's end (engine tests): nothing to notify, nothing to mail.</summary>
internal sealed class NoCompletion : IJobCompletionComposer
{
    public Task<JobCompletion> ComposeAsync(Job finished, CancellationToken ct) => Task.FromResult(JobCompletion.None);
}
