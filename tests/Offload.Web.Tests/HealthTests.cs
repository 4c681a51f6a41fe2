using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Offload.Testing;

namespace Offload.Web.Tests;

/// <summary>
/// What a load balancer's probes see (issue 21): /healthz while the process runs, /readyz naming the dependency that
/// fails — the store gone, the store hung — with a 503 in time and nothing in the body that names a host or a file.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task A_healthy_node_is_live_and_ready_and_says_so_per_check()
    {
        using var app = NewApp();
        using var probe = app.CreateClient();

        var live = await probe.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ok", await live.Content.ReadAsStringAsync());

        var (status, report) = await ReadyAsync(probe);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(("Healthy", "Healthy"), (Check(report, "store").Status, Check(report, "data").Status));
    }

    [Fact]
    public async Task A_node_whose_store_is_gone_is_live_but_not_ready_and_names_the_store()
    {
        using var app = NewApp();
        using var probe = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(probe)).Status);

        await TakeStoreAwayAsync(app);

        var (status, report) = await ReadyAsync(probe);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        Assert.Equal(("Unhealthy", "The database did not answer."), Check(report, "store"));
        Assert.Equal("Healthy", Check(report, "data").Status);
        AssertNamesNoSecret(app, report);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_node_whose_store_hangs_answers_503_when_the_check_times_out_not_later()
    {
        using var app = NewApp();
        using var probe = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(probe)).Status);

        await using var hold = await HoldStoreAsync(app);
        var clock = Stopwatch.StartNew();
        var (status, report) = await ReadyAsync(probe);
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", Check(report, "store").Status);
        Assert.Contains("timeout", Check(report, "store").Reason, StringComparison.OrdinalIgnoreCase);
        // The check's 3 s timeout, not the database's own (30 s for a locked SQLite file, a lock wait forever on PostgreSQL).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"/readyz took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>No workers: they would only retry against the store the test takes away.</summary>
    private static OffloadApp NewApp()
    {
        var app = new OffloadApp();
        app.Settings["Offload:Workers"] = "0";
        return app;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ReadyAsync(HttpClient probe)
    {
        var response = await probe.GetAsync("/readyz");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static (string? Status, string? Reason) Check(JsonElement report, string name)
    {
        var check = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        return (check.GetProperty("status").GetString(),
            check.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    }

    /// <summary>Neither the database's file, host, port nor user: a probe's body may end up anywhere.</summary>
    private static void AssertNamesNoSecret(OffloadApp app, JsonElement report)
    {
        var text = report.GetRawText();
        var connection = new DbConnectionStringBuilder { ConnectionString = app.Database.ConnectionString };
        foreach (var key in new[] { "Data Source", "Host", "Port", "Username" })
        {
            if (connection.TryGetValue(key, out var value)) Assert.DoesNotContain(value.ToString()!, text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(app.DataPath, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// SQLite: the file becomes a folder and the pools are emptied (the host runs in this process), so the next
    /// connection cannot open it. PostgreSQL: the database refuses connections and its sessions are ended.
    /// </summary>
    private static async Task TakeStoreAwayAsync(OffloadApp app)
    {
        if (app.Database.Store == "sqlite")
        {
            var file = Path.Combine(app.DataPath, "offload.db");
            foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
            Directory.CreateDirectory(file);
            SqliteConnection.ClearAllPools();
            return;
        }
        var name = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database;
        await using var admin = await AdminAsync(app);
        await using var refuse = new NpgsqlCommand(
            $"ALTER DATABASE {name} ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'", admin);
        await refuse.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// A lock the readiness question must wait for, held until disposed: an exclusive lock on the SQLite file, an
    /// ACCESS EXCLUSIVE lock on PostgreSQL's migrations table.
    /// </summary>
    private static async Task<IAsyncDisposable> HoldStoreAsync(OffloadApp app)
    {
        if (app.Database.Store == "sqlite")
        {
            SqliteConnection.ClearAllPools(); // the host's pooled connections would answer from their cache
            var sqlite = new SqliteConnection($"Data Source={Path.Combine(app.DataPath, "offload.db")};Pooling=False");
            await sqlite.OpenAsync();
            await using (var lockFile = new SqliteCommand("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM schema_migrations;", sqlite))
                await lockFile.ExecuteScalarAsync();
            return sqlite;
        }
        var pg = new NpgsqlConnection(app.Database.ConnectionString);
        await pg.OpenAsync();
        await using (var lockTable = new NpgsqlCommand("BEGIN; LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE", pg))
            await lockTable.ExecuteNonQueryAsync();
        return pg;
    }

    private static async Task<NpgsqlConnection> AdminAsync(OffloadApp app)
    {
        var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.Database.ConnectionString) { Database = "postgres", Pooling = false }.ToString());
        await admin.OpenAsync();
        return admin;
    }
}
