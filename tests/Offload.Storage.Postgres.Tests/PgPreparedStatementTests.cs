using Npgsql;
using Offload.Jobs.Storage;
using Offload.Storage.Postgres.Jobs;
using Offload.Testing;

namespace Offload.Storage.Postgres.Tests;

/// <summary>
/// Statements are prepared on the server unless the operator says otherwise (a pooler that cannot
/// prepare needs Max Auto Prepare=0, and must get it).
/// </summary>
public sealed class PgPreparedStatementTests
{
    [Fact]
    public async Task Repeated_statements_are_prepared_on_the_server_by_default()
    {
        var db = new PostgresDatabase(await (await PostgresCluster.InstanceAsync()).CreateDatabaseAsync());
        await using var _ = db;
        Assert.Equal(64, new NpgsqlConnectionStringBuilder(db.DataSource.ConnectionString).MaxAutoPrepare);
        await using var c = await db.OpenAsync(default);
        for (var i = 0; i < 3; i++)
        {
            await using var repeated = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relpages >= @p", c);
            repeated.Parameters.AddWithValue("p", i);
            await repeated.ExecuteScalarAsync();
        }
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%relpages >=%'", c);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("MaxAutoPrepare=5", 5)]
    public async Task The_operators_own_setting_wins(string setting, int expected)
    {
        var db = new PostgresDatabase($"{await (await PostgresCluster.InstanceAsync()).CreateDatabaseAsync()};{setting}");
        await using var _ = db;
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(db.DataSource.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public async Task The_claim_runs_on_a_generic_plan_and_keeps_that_setting_to_itself()
    {
        // One pooled connection, so the claims and the checks below share a session.
        var db = new PostgresDatabase($"{await (await PostgresCluster.InstanceAsync()).CreateDatabaseAsync()};Maximum Pool Size=1");
        await using var _ = db;
        await db.MigrateAsync(default);
        var store = new PgJobStore(db);
        for (var i = 0; i < 4; i++)
            Assert.Empty(await store.ClaimAsync(new ClaimRequest(["w1", "w2"], DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30)), default));

        await using var c = await db.OpenAsync(default);
        await using var plans = new NpgsqlCommand(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE 'WITH RECURSIVE owners%'", c);
        await using (var reader = await plans.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync(), "the claim statement is prepared");
            var (generic, custom) = (reader.GetInt64(0), reader.GetInt64(1));
            Assert.True(generic > 0 && custom == 0, $"the claim ran {generic} times on a generic plan and {custom} on custom plans");
        }
        await using var settings = new NpgsqlCommand("SELECT current_setting('plan_cache_mode'), current_setting('jit')", c);
        await using var after = await settings.ExecuteReaderAsync();
        Assert.True(await after.ReadAsync());
        Assert.Equal(("auto", "on"), (after.GetString(0), after.GetString(1)));
    }
}
