using System.Data.Common;

namespace Offload.Storage.Sql;

/// <summary>
/// One database as the shared stores see it: connections and transactions through System.Data.Common,
/// the dialect for what its SQL spells differently, and what the host asks of it at start-up.
/// </summary>
public abstract class SqlDatabase
{
    /// <summary>How this database spells what the shared SQL leaves open.</summary>
    public abstract SqlDialect Dialect { get; }

    /// <summary>A connection for reads.</summary>
    public abstract Task<DbConnection> ConnectAsync(CancellationToken ct);

    /// <summary>Runs <paramref name="work"/> in its own write transaction and commits it.</summary>
    public abstract Task<T> InWriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct);

    /// <summary>
    /// Work that is one statement, committed by itself: on PostgreSQL autocommit on a pooled connection (one
    /// round trip where BEGIN … COMMIT takes two); on SQLite autocommit too, on its turn of the process's write lock.
    /// </summary>
    public abstract Task<T> InStatementAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct);

    /// <summary>Applies every migration not applied yet; safe when several nodes start together.</summary>
    public abstract Task MigrateAsync(CancellationToken ct);

    /// <summary>
    /// The cheapest question that proves the database is Offload's and answers (/readyz): one row of the migrations
    /// table. A read of a table, not <c>SELECT 1</c>, because SQLite answers that from a pooled connection without
    /// touching its file.
    /// </summary>
    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM schema_migrations LIMIT 1";
        return await command.ExecuteScalarAsync(ct) is not null;
    }
}
