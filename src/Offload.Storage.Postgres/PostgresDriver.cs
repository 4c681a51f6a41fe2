using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Offload.Jobs.Storage;
using Offload.Platform.MassActions;
using Offload.Platform.Users.Import;
using Offload.Storage.Postgres.Jobs;
using Offload.Storage.Postgres.Platform;
using Offload.Storage.Sql;
using Offload.Storage.Sql.Jobs;
using Offload.Storage.Sql.Platform;

namespace Offload.Storage.Postgres;

/// <summary>
/// Everything on one PostgreSQL database, shared by many nodes, straight or through a transaction pooler; job changes
/// cross them over LISTEN/NOTIFY, or by polling behind a pooler when no direct connection is given.
/// </summary>
public sealed class PostgresDriver : IStoreDriver
{
    public string Name => "postgres";

    public IServiceCollection AddStores(IServiceCollection services, StoreLocation location)
    {
        if (string.IsNullOrWhiteSpace(location.ConnectionString))
            throw new InvalidOperationException("Offload:Store is postgres: set ConnectionStrings:Offload (ConnectionStrings__Offload).");
        var connectionString = location.ConnectionString;
        var transactionPooler = (location.Pooler?.Trim().ToLowerInvariant() ?? "none") switch
        {
            "none" or "" => false,
            "transaction" => true,
            _ => throw new InvalidOperationException(
                $"Offload:Postgres:Pooler must be 'none' or 'transaction' (got '{location.Pooler}'); a session pooler is 'none' to Offload."),
        };
        var listen = string.IsNullOrWhiteSpace(location.ListenConnectionString) ? null : location.ListenConnectionString;
        services.AddSingleton(_ => new PostgresDatabase(connectionString, listen, transactionPooler));
        services.AddSingleton<SqlDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IJobStore, PgJobStore>().AddSqlJobStores();
        services.AddSingleton<SqlJobTextSearch, PgJobTextSearch>();
        services.AddSqlPlatformStores<PgUserStore>()
            .Replace(ServiceDescriptor.Singleton<ISelectionCounts, PgSelectionCounts>())
            .Replace(ServiceDescriptor.Singleton<IExistingUsernames, PgExistingUsernames>());
        // Behind a transaction pooler with no direct connection to LISTEN on, changes cross nodes by polling a table.
        services.AddHostedService<JobChangeRelay>(sp => sp.GetRequiredService<PostgresDatabase>().CanListen
            ? ActivatorUtilities.CreateInstance<PgJobEventsBridge>(sp)
            : ActivatorUtilities.CreateInstance<PgJobFeedBridge>(sp));
        return services;
    }
}
