using Npgsql;
using Offload.Jobs;
using Offload.Testing;

namespace Offload.Storage.Postgres.Tests;

/// <summary>
/// Which real PostgreSQL errors the engine waits out instead of failing a job: a session cut by the
/// server (what a restart does to every connection) is; a broken constraint is not.
/// </summary>
public sealed class PgTransientErrorTests : IAsyncLifetime
{
    private PostgresDatabase _db = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await (await PostgresCluster.InstanceAsync()).CreateDatabaseAsync();
        _db = new PostgresDatabase(_connectionString);
    }

    [Fact]
    public async Task A_session_terminated_by_the_server_is_transient()
    {
        await using var victim = await _db.OpenAsync(default);
        await using (var admin = await _db.OpenAsync(default))
        await using (var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({victim.ProcessID})", admin))
            await kill.ExecuteNonQueryAsync();

        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var next = new NpgsqlCommand("SELECT 1", victim);
            await next.ExecuteScalarAsync();
        });
        Assert.True(DatabaseFaults.IsTransient(new InvalidOperationException("wrapped", error)), error.ToString());
    }

    [Fact]
    public async Task A_broken_constraint_is_not_transient()
    {
        await using var connection = await _db.OpenAsync(default);
        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var bad = new NpgsqlCommand("CREATE TEMP TABLE t (k int PRIMARY KEY); INSERT INTO t VALUES (1), (1)", connection);
            await bad.ExecuteNonQueryAsync();
        });
        Assert.Equal("23505", error.SqlState);
        Assert.False(DatabaseFaults.IsTransient(error));
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await (await PostgresCluster.InstanceAsync()).DropDatabaseAsync(_connectionString);
    }
}
