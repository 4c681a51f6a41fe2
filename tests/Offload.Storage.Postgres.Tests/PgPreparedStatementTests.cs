using Npgsql;
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
}
