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
}
