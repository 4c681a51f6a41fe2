using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Offload.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The engine: queue, control, runner; the worker pool only when <paramref name="runWorkers"/>.</summary>
    public static IServiceCollection AddOffloadJobs(this IServiceCollection services, bool runWorkers)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobEvents>();
        services.AddSingleton<JobFiles>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobControl>();
        services.AddSingleton<JobRunner>();
        if (runWorkers) services.AddHostedService<WorkerPool>();
        return services;
    }
}
