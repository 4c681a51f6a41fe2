using Offload.Jobs;
using Offload.Storage.Postgres;
using Offload.Storage.Sql;
using Offload.Storage.Sqlite;

namespace Offload.Web.Hosting;

public static class StoreSetup
{
    /// <summary>Every database Offload can keep its data in; <c>Offload:Store</c> names one.</summary>
    private static readonly IStoreDriver[] Drivers = [new SqliteDriver(), new PostgresDriver()];

    /// <summary>
    /// The store of Offload:Store: sqlite (default; {DataPath}/offload.db unless ConnectionStrings:Offload
    /// says otherwise) or postgres (ConnectionStrings:Offload required).
    /// </summary>
    public static IServiceCollection AddOffloadStore(this IServiceCollection services, IConfiguration config)
    {
        var name = (config["Offload:Store"] ?? new OffloadSettings().Store).Trim().ToLowerInvariant();
        var driver = Drivers.FirstOrDefault(d => d.Name == name) ?? throw new InvalidOperationException(
            $"Offload:Store must be {string.Join(" or ", Drivers.Select(d => $"'{d.Name}'"))} (got '{name}').");
        var dataPath = config["Offload:DataPath"] is { Length: > 0 } path ? path : new JobsOptions().DataPath;
        return driver.AddStores(services, new StoreLocation(config.GetConnectionString("Offload"), dataPath)
        {
            ListenConnectionString = config.GetConnectionString("OffloadListen"),
            Pooler = config["Offload:Postgres:Pooler"],
        });
    }
}
