using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Storage;
using Offload.Storage.Sql;
using Offload.Storage.Sql.Jobs;
using Offload.Storage.Sql.Platform;
using Offload.Storage.Sqlite.Jobs;
using Offload.Storage.Sqlite.Platform;

namespace Offload.Storage.Sqlite;

/// <summary>Everything on one SQLite file: the embedded default, one node, no other setup.</summary>
public sealed class SqliteDriver : IStoreDriver
{
    public string Name => "sqlite";

    /// <remarks>Without a connection string the file is <c>{DataPath}/offload.db</c>, its folder created on first use.</remarks>
    public IServiceCollection AddStores(IServiceCollection services, StoreLocation location)
    {
        services.AddSingleton(_ =>
        {
            if (location.ConnectionString is { Length: > 0 } given) return new SqliteDatabase(given);
            Directory.CreateDirectory(location.DataPath);
            return new SqliteDatabase(SqliteDatabase.ForFile(Path.Combine(location.DataPath, "offload.db")));
        });
        services.AddSingleton<SqlDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IJobStore, SqliteJobStore>().AddSqlJobStores();
        services.AddSingleton<SqlJobTextSearch, SqliteJobTextSearch>();
        services.AddSqlPlatformStores<SqliteUserStore>();
        return services;
    }
}
