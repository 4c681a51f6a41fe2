using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Offload.Jobs;
using Offload.Storage.Postgres.Jobs;
using Offload.Testing;

namespace Offload.Storage.Postgres.Tests;

/// <summary>
/// Pooled connections go back to the pool without Npgsql's session reset (seven statements per return),
/// so nothing may leave session state on them — the LISTEN least of all.
/// </summary>
public sealed class PgSessionResetTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData(";No Reset On Close=false", false)]
    [InlineData(";NoResetOnClose=false", false)]
    public async Task Sessions_are_not_reset_on_return_unless_the_operator_says_so(string setting, bool expected)
    {
        var db = new PostgresDatabase(await (await PostgresCluster.InstanceAsync()).CreateDatabaseAsync() + setting);
        await using var _ = db;
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(db.DataSource.ConnectionString).NoResetOnClose);
    }

    [Fact]
    public async Task The_listeners_LISTEN_never_reaches_a_pooled_connection()
    {
        // One pooled connection: whatever the bridge did on the pool, this test's connection inherits.
        var connectionString = $"{await (await PostgresCluster.InstanceAsync()).CreateDatabaseAsync()};Maximum Pool Size=1";
        var db = new PostgresDatabase(connectionString);
        await using var _ = db;
        var events = new JobEvents();
        using var signal = new JobSignal();
        var bridge = new PgJobEventsBridge(db, events, signal, NullLogger<PgJobEventsBridge>.Instance);
        await bridge.StartAsync(default);
        await signal.WaitAsync(TimeSpan.FromSeconds(30), default); // pulsed once it listens
        Assert.Equal(1L, await ScalarAsync(connectionString, $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN {PostgresDatabase.Channel}'"));
        events.Publish(new JobChange(Guid.NewGuid(), 1, JobChangeKind.Progress)); // the bridge's NOTIFY goes out on the pool
        await bridge.StopAsync(default);

        await using var pooled = await db.OpenAsync(default);
        await using var channels = new NpgsqlCommand("SELECT count(*) FROM pg_listening_channels()", pooled);
        Assert.Equal(0L, await channels.ExecuteScalarAsync());
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
