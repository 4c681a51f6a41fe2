using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Offload.Storage.Sql;

namespace Offload.Storage.Sqlite;

/// <summary>
/// The one SQLite file: opens tuned connections, applies migrations, and serializes writers in-process
/// so they queue on a semaphore instead of spinning on SQLITE_BUSY.
/// </summary>
public sealed class SqliteDatabase : SqlDatabase<SqliteConnection, SqliteTransaction>, IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteDatabase(string connectionString)
    {
        ConnectionString = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = 30, // how long a writer of another process may make us wait
        }.ToString();
    }

    public string ConnectionString { get; }

    public override SqlDialect Dialect => SqliteDialect.Instance;

    /// <summary>The statement commits by itself (autocommit), on its turn of this process's write lock.</summary>
    public override async Task<T> InStatementAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            return await work(connection);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The connection string for a file under the data folder.</summary>
    public static string ForFile(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    public override async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        // Per connection: WAL keeps readers off the writer; NORMAL sync is crash-safe in WAL (a process
        // kill loses nothing committed; only an OS crash may lose the last commits, never consistency).
        await connection.ExecuteAsync("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    /// <summary>Opens a write transaction (BEGIN IMMEDIATE) holding this process's write lock until disposed.</summary>
    public override Task<SqlWrite<SqliteConnection, SqliteTransaction>> BeginWriteAsync(CancellationToken ct) => BeginWriteAsync(foreignKeys: true, ct);

    private async Task<SqlWrite<SqliteConnection, SqliteTransaction>> BeginWriteAsync(bool foreignKeys, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            var connection = await OpenAsync(ct);
            // Only settable outside a transaction; OpenAsync turns it back on for the connection's next use.
            if (!foreignKeys) await connection.ExecuteAsync("PRAGMA foreign_keys = OFF;");
            var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
            return new SqlWrite<SqliteConnection, SqliteTransaction>(connection, transaction, () => _writeLock.Release());
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    /// <summary>Creates the file and applies every migration not applied yet, in order, in one transaction.</summary>
    /// <remarks>
    /// Foreign keys are off while migrations run, as SQLite's own procedure for rebuilding a table asks
    /// (https://sqlite.org/lang_altertable.html#otheralter): with them on, dropping a rebuilt table would
    /// cascade its deletes into every table that refers to it. <c>foreign_key_check</c> before the commit
    /// makes sure no migration left a dangling reference.
    /// </remarks>
    public override async Task MigrateAsync(CancellationToken ct)
    {
        await using (var connection = await OpenAsync(ct))
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await using var write = await BeginWriteAsync(foreignKeys: false, ct);
        var (c, tx) = (write.Connection, write.Transaction);
        await ApplyMigrationsAsync(c, tx, typeof(SqliteDatabase).Assembly,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
            "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, datetime('now'))", ct);
        if ((await c.QueryAsync("PRAGMA foreign_key_check", transaction: tx)).Any())
            throw new InvalidOperationException("A migration left rows referring to rows that do not exist; nothing was applied.");
        await tx.CommitAsync(ct);
    }

    public void Dispose() => _writeLock.Dispose();
}
