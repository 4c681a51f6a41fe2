using Microsoft.Extensions.Options;
using Offload.Storage.Postgres;
using Offload.Storage.Postgres.Jobs;
using Offload.Storage.Sqlite;

namespace Offload.Web.Hosting;

public static class StoreSetup
{
    /// <summary>
    /// The store of Offload:Store: sqlite (default; {DataPath}/offload.db unless ConnectionStrings:Offload
    /// says otherwise) or postgres (ConnectionStrings:Offload required).
    /// </summary>
    public static IServiceCollection AddOffloadStore(this IServiceCollection services, IConfiguration config)
    {
        var store = (config["Offload:Store"] ?? "sqlite").Trim().ToLowerInvariant();
        switch (store)
        {
            case "sqlite":
                services.AddOffloadSqlite(sp =>
                {
                    var dataPath = sp.GetRequiredService<IOptions<OffloadSettings>>().Value.DataPath;
                    Directory.CreateDirectory(dataPath);
                    return config.GetConnectionString("Offload") ?? SqliteDatabase.ForFile(Path.Combine(dataPath, "offload.db"));
                });
                services.AddSingleton<IStoreSetup, SqliteStoreSetup>();
                return services;
            case "postgres":
                var connection = config.GetConnectionString("Offload");
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Offload:Store is postgres: set ConnectionStrings:Offload (ConnectionStrings__Offload).");
                services.AddOffloadPostgres(_ => connection);
                services.AddSingleton<IStoreSetup, PostgresStoreSetup>();
                services.AddPostgresNotifications();
                return services;
            default:
                throw new InvalidOperationException($"Offload:Store must be 'sqlite' or 'postgres' (got '{store}').");
        }
    }
}

/// <summary>What the host does with a store at start-up and for /readyz, whatever the database.</summary>
public interface IStoreSetup
{
    Task MigrateAsync(CancellationToken ct);
    Task<bool> IsReachableAsync(CancellationToken ct);
}

internal sealed class SqliteStoreSetup(SqliteDatabase db) : IStoreSetup
{
    public Task MigrateAsync(CancellationToken ct) => db.MigrateAsync(ct);

    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await StoreProbe.AnswersAsync(c, ct);
    }
}

internal sealed class PostgresStoreSetup(PostgresDatabase db) : IStoreSetup
{
    public Task MigrateAsync(CancellationToken ct) => db.MigrateAsync(ct);

    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await StoreProbe.AnswersAsync(c, ct);
    }
}

internal static class StoreProbe
{
    /// <summary>The cheapest question a database can answer: it is there and it executes SQL.</summary>
    public static async Task<bool> AnswersAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
