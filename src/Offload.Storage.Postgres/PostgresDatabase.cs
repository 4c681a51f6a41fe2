using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;
using Offload.Storage.Sql;

namespace Offload.Storage.Postgres;

/// <summary>
/// The PostgreSQL database: one pooled data source for the process. Unlike SQLite, writers need no
/// in-process lock — row locks and SKIP LOCKED let many nodes work side by side.
/// </summary>
public sealed class PostgresDatabase : SqlDatabase<NpgsqlConnection, NpgsqlTransaction>, IAsyncDisposable
{
    /// <summary>The channel every node LISTENs on for job changes and wake-ups.</summary>
    public const string Channel = "offload_jobs";

    /// <param name="connectionString">ConnectionStrings:Offload: every statement and transaction, straight or through a pooler.</param>
    /// <param name="listenConnectionString">
    /// ConnectionStrings:OffloadListen: a direct connection for the one LISTEN, when the main one goes through a
    /// transaction pooler (which cannot keep a LISTEN); the main connection string when not given.
    /// </param>
    /// <param name="transactionPooler">Offload:Postgres:Pooler=transaction: the main connection string reaches a transaction pooler.</param>
    public PostgresDatabase(string connectionString, string? listenConnectionString = null, bool transactionPooler = false)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // An operator's own setting of either option below wins (e.g. PgBouncer >= 1.21 with max_prepared_statements).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // The engine runs the same few statements thousands of times a second (claim, chunk commit, notify):
        // prepared once per connection, they skip parsing and planning, which cost as much as running the claim.
        // A transaction pooler hands each transaction any server connection, where a statement Npgsql prepared on
        // another does not exist (PgBouncer before 1.21 cannot track them): through one, nothing is prepared
        // (Npgsql's default, Max Auto Prepare=0).
        if (!given.Contains("MaxAutoPrepare") && !transactionPooler)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        // Every statement opens a pooled connection (~3 per tiny job), and by default Npgsql resets the
        // session on each return: seven statements (RESET ALL, UNLISTEN *, pg_advisory_unlock_all() …) run
        // before the next command, 400,000 of them for 20,000 jobs. Nothing here leaves session state behind:
        // settings and advisory locks are per transaction, and LISTEN has its own unpooled connection
        // (OpenListenerAsync). Without the reset, tiny jobs went from ~1,600/s to ~2,000/s. The same rule is
        // what lets a transaction pooler lend the server connection to another client after each transaction.
        if (!given.Contains("NoResetOnClose")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        DataSource = builder.Build();
        var listen = listenConnectionString ?? (transactionPooler ? null : connectionString);
        if (listen is not null)
            _listener = new NpgsqlDataSourceBuilder(listen) { ConnectionStringBuilder = { Pooling = false } }.Build();
        ConnectionString = connectionString;
    }

    private readonly NpgsqlDataSource? _listener;

    /// <summary>
    /// False behind a transaction pooler without ConnectionStrings:OffloadListen: job changes then cross nodes by
    /// polling (<see cref="Jobs.PgJobFeedBridge"/>) instead of LISTEN/NOTIFY.
    /// </summary>
    public bool CanListen => _listener is not null;

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString { get; }

    public override SqlDialect Dialect => PostgresDialect.Instance;

    public override Task<T> InStatementAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct) =>
        StatementAsync(c => work(c), ct);

    public override async Task<NpgsqlConnection> OpenAsync(CancellationToken ct) => await DataSource.OpenConnectionAsync(ct);

    /// <summary>A connection of its own for LISTEN, closed for good when disposed: its session state never reaches the pool.</summary>
    public async Task<NpgsqlConnection> OpenListenerAsync(CancellationToken ct) =>
        await (_listener ?? throw new InvalidOperationException("No direct connection to LISTEN on: set ConnectionStrings:OffloadListen.")).OpenConnectionAsync(ct);

    public override async Task<SqlWrite<NpgsqlConnection, NpgsqlTransaction>> BeginWriteAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        try
        {
            return new SqlWrite<NpgsqlConnection, NpgsqlTransaction>(connection, await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
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
    public override Task MigrateAsync(CancellationToken ct) =>
        WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("SELECT pg_advisory_xact_lock(727274)", transaction: tx);
            await ApplyMigrationsAsync(c, tx, typeof(PostgresDatabase).Assembly,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO schema_migrations (version) VALUES (@version)", ct);
            return 0;
        }, ct);

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null) await _listener.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
