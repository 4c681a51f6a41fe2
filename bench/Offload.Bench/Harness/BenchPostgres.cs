using Npgsql;
using Offload.Testing;

namespace Offload.Bench.Harness;

/// <summary>
/// The one PostgreSQL every row runs on: the tests' throwaway cluster (PostgreSQL 15 on loopback,
/// fsync off for every system alike), a fresh database per measurement so no row inherits another's bloat.
/// </summary>
internal static class BenchPostgres
{
    public static async Task<string> CreateDatabaseAsync(string prefix) =>
        await (await PostgresCluster.InstanceAsync()).CreateDatabaseAsync(prefix);

    public static async Task DropDatabaseAsync(string connectionString) =>
        await (await PostgresCluster.InstanceAsync()).DropDatabaseAsync(connectionString);

    /// <summary>Server-side connections to this database, other than the one asking.</summary>
    public static async Task<long> ConnectionsAsync(string connectionString)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await c.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", c);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
