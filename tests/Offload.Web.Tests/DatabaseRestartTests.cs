using System.Globalization;
using System.Net;
using System.Text;
using Offload.Testing;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// PostgreSQL stopped and started under a running import (every session cut; once as a crash of the server,
/// once down for longer than a chunk's retries): the host rides it out, the job resumes and completes, no row lost or repeated, never failed.
/// </summary>
/// <remarks>
/// On a cluster of its own, which nothing else uses while it restarts; PostgreSQL-only like the
/// many-nodes test, so test.sh runs it once.
/// </remarks>
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 100_000;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-pgrestart-" + Guid.NewGuid().ToString("N"));
    private PostgresCluster _cluster = null!;
    private TestDatabase _db = null!;
    private HostProcess? _host;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _cluster = await PostgresCluster.StartPrivateAsync();
        _db = await TestDatabase.CreatePostgresAsync(_cluster);
    }

    [Fact]
    public async Task Restarting_PostgreSQL_three_times_mid_import_once_for_6_s_loses_nothing_and_fails_nothing()
    {
        var settings = new Dictionary<string, string>(_db.Environment)
        {
            ["Offload__Bootstrap__AdminPassword"] = "restart-admin-password",
            // Small chunks keep the job running across three restarts; retries and leases are the defaults an operator has.
            ["Offload__ChunkSize"] = "500",
        };
        _host = await HostProcess.StartAsync(_data, settings);
        using var http = await _host.SignInAsync("restart-admin-password");
        var csv = new StringBuilder("username,email,firstname\n");
        for (var i = 0; i < Rows; i++) csv.Append(CultureInfo.InvariantCulture, $"pgr{i:000000},pgr{i:000000}@example.com,R{i}\n");
        var job = await http.ImportJobAsync(csv.ToString(), "restart.csv");

        var restartedAt = new List<long>();
        // A quick restart, a crash of the server, and an outage longer than all of a chunk's retries (0.5 + 1 + 2 s).
        foreach (var (fraction, mode, downFor) in new[] { (0.15, "fast", 0), (0.45, "immediate", 1), (0.75, "fast", 6) })
        {
            var (status, processed) = await WaitForProgressAsync(job.Id, (long)(Rows * fraction));
            Assert.True(status == "running", $"the job was {status} before restart {restartedAt.Count + 1}: it would prove nothing");
            await _cluster.RestartAsync(mode, TimeSpan.FromSeconds(downFor));
            restartedAt.Add(processed);
        }
        output.WriteLine($"PostgreSQL restarted at processed = {string.Join(", ", restartedAt)}");

        var done = await http.WaitFinishedAsync(job.Id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == "completed", $"job ended {done.Status} ({done.FailureReason})\n{_host.Output}");
        Assert.Equal((Rows, 0L), (done.Processed, done.ErrorCount));
        Assert.False(_host.HasExited);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal((long)Rows, Convert.ToInt64(await _db.ScalarAsync("SELECT count(*) FROM users WHERE username LIKE 'pgr%'"), CultureInfo.InvariantCulture));
        Assert.Equal((long)Rows, Convert.ToInt64(await _db.ScalarAsync("SELECT count(DISTINCT username) FROM users WHERE username LIKE 'pgr%'"), CultureInfo.InvariantCulture));
    }

    /// <summary>The committed progress, read from the database itself between restarts.</summary>
    private async Task<(string Status, long Processed)> WaitForProgressAsync(Guid id, long atLeast)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var row = (string)(await _db.ScalarAsync($"SELECT status || ':' || processed FROM jobs WHERE id = '{id}'"))!;
            var status = row.Split(':')[0];
            var processed = long.Parse(row.Split(':')[1], CultureInfo.InvariantCulture);
            if (processed >= atLeast || status != "running") return (status, processed);
            if (DateTime.UtcNow > until) throw new TimeoutException($"job still {status} at {processed}, waiting for {atLeast}\n{_host?.Output}");
            await Task.Delay(5);
        }
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        _cluster?.Stop();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        await Task.CompletedTask;
    }
}
