using System.Data;
using System.Data.Common;
using Dapper;
using Offload.Jobs.Storage;
using Npgsql;

namespace Offload.Storage.Postgres;

/// <summary>
/// The PostgreSQL database: one pooled data source for the process. Unlike SQLite, writers need no
/// in-process lock — row locks and SKIP LOCKED let many nodes work side by side.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>The channel every node LISTENs on for job changes and wake-ups.</summary>
    public const string Channel = "offload_jobs";

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The engine runs the same few statements thousands of times a second (claim, chunk commit, notify):
        // prepared once per connection, they skip parsing and planning, which cost as much as running
        // the claim. An operator's own Max Auto Prepare setting wins, 0 included (a pooler that cannot prepare).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "").Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        DataSource = builder.Build();
        ConnectionString = connectionString;
    }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct) => await DataSource.OpenConnectionAsync(ct);

    public async Task<PostgresWrite> BeginWriteAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        try
        {
            return new PostgresWrite(connection, await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var write = await BeginWriteAsync(ct);
        var result = await work(write.Connection, write.Transaction);
        await write.Transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Work that is one statement, on a pooled connection, committed by itself (autocommit): one round
    /// trip where BEGIN … COMMIT takes two. A single statement is atomic on its own.
    /// </summary>
    public async Task<T> StatementAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await work(connection);
    }

    /// <summary>Applies missing migrations under an advisory lock, so nodes starting together do not race.</summary>
    public Task MigrateAsync(CancellationToken ct) =>
        WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("SELECT pg_advisory_xact_lock(727274)", transaction: tx);
            await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", transaction: tx);
            var applied = (await c.QueryAsync<long>("SELECT version FROM schema_migrations", transaction: tx)).ToHashSet();
            foreach (var (version, sql) in EmbeddedMigrations.Read(typeof(PostgresDatabase).Assembly))
            {
                if (applied.Contains(version)) continue;
                await c.ExecuteAsync(sql, transaction: tx);
                await c.ExecuteAsync("INSERT INTO schema_migrations (version) VALUES (@version)", new { version }, tx);
            }
            return 0;
        }, ct);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>An open connection with its transaction.</summary>
public sealed class PostgresWrite(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;
    public NpgsqlTransaction Transaction { get; } = transaction;

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
