using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Storage;

namespace Offload.Storage.Sql.Jobs;

/// <summary>The job ports whose SQL both databases accept; a driver adds these and its own <see cref="IJobStore"/>.</summary>
public static class SqlJobStoreRegistration
{
    public static IServiceCollection AddSqlJobStores(this IServiceCollection services)
    {
        services.AddSingleton<IJobMonitor, SqlJobMonitor>();
        services.AddSingleton<IJobRetentionStore, SqlJobRetentionStore>();
        services.AddSingleton<IJobCounts, SqlJobCounts>();
        services.AddSingleton<IJobErrorGroups, SqlJobErrorGroups>();
        services.AddSingleton<IJobDetailReads, SqlJobDetailReads>();
        services.AddSingleton<INotificationStore, SqlNotificationStore>();
        services.AddSingleton<IOutboxStore, SqlOutboxStore>();
        services.AddSingleton<IJobChanges, SqlJobChanges>();
        services.AddSingleton<Offload.Jobs.Audit.IAuditTrail, SqlAuditTrail>();
        return services;
    }
}
