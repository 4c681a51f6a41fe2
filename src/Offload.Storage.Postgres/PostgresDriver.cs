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

/// <summary>Everything on one PostgreSQL database, shared by many nodes; job changes cross them over LISTEN/NOTIFY.</summary>
public sealed class PostgresDriver : IStoreDriver
{
    public string Name => "postgres";

    public IServiceCollection AddStores(IServiceCollection services, StoreLocation location)
    {
        if (string.IsNullOrWhiteSpace(location.ConnectionString))
            throw new InvalidOperationException("Offload:Store is postgres: set ConnectionStrings:Offload (ConnectionStrings__Offload).");
        var connectionString = location.ConnectionString;
        services.AddSingleton(_ => new PostgresDatabase(connectionString));
        services.AddSingleton<SqlDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IJobStore, PgJobStore>().AddSqlJobStores();
        services.AddSingleton<SqlJobTextSearch, PgJobTextSearch>();
        services.AddSqlPlatformStores<PgUserStore>()
            .Replace(ServiceDescriptor.Singleton<ISelectionCounts, PgSelectionCounts>())
            .Replace(ServiceDescriptor.Singleton<IExistingUsernames, PgExistingUsernames>());
        services.AddHostedService<PgJobEventsBridge>();
        return services;
    }
}
