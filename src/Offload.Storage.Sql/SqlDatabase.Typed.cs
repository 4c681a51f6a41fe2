using System.Data.Common;
using System.Reflection;
using Offload.Jobs.Storage;

namespace Offload.Storage.Sql;

/// <summary>
/// A database with its provider's types, for a driver's own SQL (claims, chunk commits, bulk paths): the shared face
/// (<see cref="SqlDatabase"/>) is written here once over typed connections and write transactions.
/// </summary>
public abstract class SqlDatabase<TConnection, TTransaction> : SqlDatabase
    where TConnection : DbConnection
    where TTransaction : DbTransaction
{
    /// <summary>A connection for reads.</summary>
    public abstract Task<TConnection> OpenAsync(CancellationToken ct);

    /// <summary>Opens a write transaction, held until the result is disposed.</summary>
    public abstract Task<SqlWrite<TConnection, TTransaction>> BeginWriteAsync(CancellationToken ct);

    public override async Task<DbConnection> ConnectAsync(CancellationToken ct) => await OpenAsync(ct);

    public override Task<T> InWriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct) =>
        WriteAsync((c, tx) => work(c, tx), ct);

    /// <summary>Runs <paramref name="work"/> in its own write transaction and commits it.</summary>
    public async Task<T> WriteAsync<T>(Func<TConnection, TTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var write = await BeginWriteAsync(ct);
        var result = await work(write.Connection, write.Transaction);
        await write.Transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Applies, in <paramref name="tx"/> and in order, every embedded migration of the driver's assembly not recorded in
    /// schema_migrations yet (<paramref name="createTable"/> makes it; <paramref name="record"/> inserts @version).
    /// </summary>
    protected static async Task ApplyMigrationsAsync(TConnection c, TTransaction tx, Assembly driver, string createTable, string record, CancellationToken ct)
    {
        await using (var create = c.Command(createTable, tx)) await create.ExecuteNonQueryAsync(ct);
        var applied = new HashSet<long>();
        await using (var read = c.Command("SELECT version FROM schema_migrations", tx))
        await using (var versions = await read.ExecuteReaderAsync(ct))
            while (await versions.ReadAsync(ct)) applied.Add(versions.GetInt64(0));
        foreach (var (version, sql) in EmbeddedMigrations.Read(driver))
        {
            if (applied.Contains(version)) continue;
            await using (var migrate = c.Command(sql, tx)) await migrate.ExecuteNonQueryAsync(ct);
            await using var done = c.Command(record, tx, ("@version", version));
            await done.ExecuteNonQueryAsync(ct);
        }
    }
}
