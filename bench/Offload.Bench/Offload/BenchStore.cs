using Offload.Storage.Postgres;
using Offload.Storage.Sql;
using Offload.Storage.Sqlite;

namespace Offload.Bench.Offload;

/// <summary>Which of Offload's stores a measurement runs on.</summary>
internal enum BenchStore
{
    Sqlite,
    Postgres,
}

internal static class BenchStoreNames
{
    public static string Label(this BenchStore store) => store == BenchStore.Sqlite ? "Offload on SQLite" : "Offload on PostgreSQL";

    /// <summary>The driver the host would pick for this store.</summary>
    public static IStoreDriver Driver(this BenchStore store) => store == BenchStore.Sqlite ? new SqliteDriver() : new PostgresDriver();
}
