using Microsoft.Data.Sqlite;
using Offload.Bench.Harness;
using Offload.Bench.Offload;
using Offload.Storage.Postgres;
using Offload.Storage.Sqlite;

namespace Offload.Bench.Host;

/// <summary>A fresh database with Offload's schema, for the raw inserts to write into the same tables.</summary>
internal static class MigratedDatabase
{
    public static async Task<string> CreateAsync(BenchStore store, Scratch scratch)
    {
        if (store == BenchStore.Sqlite)
        {
            var connection = SqliteDatabase.ForFile(scratch.File("raw.db"));
            using var db = new SqliteDatabase(connection);
            await db.MigrateAsync(default);
            return db.ConnectionString;
        }
        var pg = await BenchPostgres.CreateDatabaseAsync("bench_raw");
        await using (var db = new PostgresDatabase(pg)) await db.MigrateAsync(default);
        return pg;
    }

    public static async Task DropAsync(BenchStore store, string connectionString)
    {
        if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connectionString);
        else SqliteConnection.ClearAllPools();
    }
}
