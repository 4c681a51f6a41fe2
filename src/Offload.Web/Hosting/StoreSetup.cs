using Microsoft.Extensions.Options;
using Offload.Storage.Sqlite;

namespace Offload.Web.Hosting;

public static class StoreSetup
{
    /// <summary>
    /// The store of Offload:Store. SQLite lives at {DataPath}/offload.db unless ConnectionStrings:Offload
    /// says otherwise. Settings are read when the store is first resolved, so configuration added after
    /// this line (tests, tools) still counts.
    /// </summary>
    public static IServiceCollection AddOffloadStore(this IServiceCollection services, IConfiguration config)
    {
        services.AddOffloadSqlite(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<OffloadSettings>>().Value;
            if (!settings.Store.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Offload:Store '{settings.Store}' is not available in this build; use 'sqlite'.");
            Directory.CreateDirectory(settings.DataPath);
            return config.GetConnectionString("Offload") ?? SqliteDatabase.ForFile(Path.Combine(settings.DataPath, "offload.db"));
        });
        services.AddSingleton<IStoreSetup, SqliteStoreSetup>();
        return services;
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
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT 1";
        return await command.ExecuteScalarAsync(ct) is 1L;
    }
}
