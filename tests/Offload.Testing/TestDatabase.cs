using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Offload.Testing;

/// <summary>
/// The store a host-level test runs on: SQLite in the data folder by default, or — with
/// OFFLOAD_TEST_STORE=postgres (test.sh runs the HTTP suite both ways) — a fresh database in the
/// throwaway PostgreSQL cluster. Tests read it back through <see cref="ScalarAsync"/>, in SQL both speak.
/// </summary>
public sealed class TestDatabase
{
    private readonly PostgresCluster? _cluster;

    private TestDatabase(string store, string connectionString, PostgresCluster? cluster = null)
    {
        Store = store;
        ConnectionString = connectionString;
        _cluster = cluster;
    }

    public static bool UsePostgres => System.Environment.GetEnvironmentVariable("OFFLOAD_TEST_STORE") == "postgres";

    public string Store { get; }

    public string ConnectionString { get; }

    /// <summary>What the host needs to use this database, as configuration keys.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Offload:Store"] = Store,
        ["ConnectionStrings:Offload"] = ConnectionString,
    };

    /// <summary>The same settings as environment variables, for a host started as a process.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    public static async Task<TestDatabase> CreateAsync(string dataPath) =>
        UsePostgres ? await CreatePostgresAsync() : new TestDatabase("sqlite", $"Data Source={Path.Combine(dataPath, "offload.db")}");

    /// <summary>PostgreSQL whatever OFFLOAD_TEST_STORE says, for tests of what only PostgreSQL does (many nodes).</summary>
    /// <remarks><paramref name="cluster"/>: a private one the test restarts; the shared one by default.</remarks>
    public static async Task<TestDatabase> CreatePostgresAsync(PostgresCluster? cluster = null)
    {
        cluster ??= await PostgresCluster.InstanceAsync();
        return new TestDatabase("postgres", await cluster.CreateDatabaseAsync("offload_web"), cluster);
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Runs one write, for a state no API can make: a pause asked while the host is down (PauseCrashTests).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using DbConnection connection = Store == "postgres" ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
        if (_cluster is not null) await _cluster.DropDatabaseAsync(ConnectionString);
        else SqliteConnection.ClearAllPools();
    }

    private DbConnection Open() => Store == "postgres"
        ? new NpgsqlConnection(ConnectionString)
        : new SqliteConnection(ConnectionString + ";Mode=ReadOnly;Pooling=False");
}
