using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Offload.Testing;

namespace Offload.Web.Tests;

/// <summary>
/// Many nodes on one PostgreSQL: two web processes and three worker processes. A job created through
/// one web node runs on the workers; the worker running it is SIGKILLed and another resumes it from its
/// checkpoint; every row ends up exactly once; a live page on the other web node saw it progress. Once with half the nodes
/// straight to PostgreSQL and half through PgBouncer in transaction mode (a direct connection for LISTEN), once with every
/// node through PgBouncer alone (changes cross the nodes by polling).
/// </summary>
public sealed class MultiNodeTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 300_000;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-nodes-" + Guid.NewGuid().ToString("N"));
    private readonly List<HostProcess> _nodes = [];
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _db = await TestDatabase.CreatePostgresAsync();
    }

    private string _route = "";

    /// <summary>
    /// "mixed": every other node straight to PostgreSQL, the others through PgBouncer with a direct connection for LISTEN
    /// (an operator moving nodes behind the pooler one by one); either kind may be the worker killed, or resume its job.
    /// "pgbouncer+polling": every node through PgBouncer alone. "direct": every node straight to PostgreSQL.
    /// </summary>
    private async Task<Dictionary<string, string>> SettingsAsync()
    {
        var settings = new Dictionary<string, string>(_db.Environment)
        {
            ["Offload__Bootstrap__AdminPassword"] = "nodes-admin-password",
            ["Offload__LeaseDuration"] = "00:00:02",
            ["Offload__Workers"] = "2",
        };
        if (_route == "direct" || (_route == "mixed" && _nodes.Count % 2 == 0)) return settings;
        settings["ConnectionStrings__Offload"] = (await PgBouncer.InstanceAsync()).Pooled(_db.ConnectionString);
        settings["Offload__Postgres__Pooler"] = "transaction";
        if (_route == "mixed") settings["ConnectionStrings__OffloadListen"] = _db.ConnectionString;
        return settings;
    }

    [Theory]
    [InlineData("mixed")]
    [InlineData("pgbouncer+polling")]
    public async Task A_job_created_on_one_web_node_survives_the_kill_of_its_worker_with_every_row_once(string route)
    {
        _route = route;
        var webA = await StartAsync("web");
        var webB = await StartAsync("web");
        var workers = new List<HostProcess>();
        for (var i = 0; i < 3; i++) workers.Add(await StartAsync("worker"));

        using var viaB = await webB.SignInAsync("nodes-admin-password");
        using var viaA = await webA.SignInAsync("nodes-admin-password");
        // A page watching web node A, while the job is created through web node B and run by worker nodes.
        await using var watching = await EventStream.OpenAsync(viaA);
        var csv = new StringBuilder("username,email,firstname\n");
        for (var i = 0; i < Rows; i++) csv.Append(CultureInfo.InvariantCulture, $"node{i:000000},node{i:000000}@example.com,N{i}\n");
        var job = await viaB.ImportJobAsync(csv.ToString(), "nodes.csv");

        // Watched through the other web node: the job's state lives in the shared database.
        var seen = await viaA.WaitUntilAsync(job.Id, j => j.Processed >= Rows / 3, TimeSpan.FromMinutes(2), Outputs);
        Assert.NotEqual("completed", seen.Status);
        var owner = (string)(await _db.ScalarAsync($"SELECT lease_owner FROM jobs WHERE id = '{job.Id}'"))!;
        var pid = int.Parse(owner.Split(':')[1], CultureInfo.InvariantCulture);
        var victim = workers.Single(w => w.ProcessId == pid);
        victim.Kill();

        var done = await viaA.WaitUntilAsync(job.Id, j => j.Status is "completed" or "failed" or "aborted", TimeSpan.FromMinutes(4), Outputs);
        Assert.True(done.Status == "completed", $"{done.Status} {done.FailureReason}");
        Assert.Equal((long)Rows, done.Processed);
        Assert.Equal(0, done.ErrorCount);
        var resumedBy = await _db.ScalarAsync($"SELECT lease_owner FROM jobs WHERE id = '{job.Id}'");
        Assert.IsType<DBNull>(resumedBy); // finished: lease released
        Assert.True(Convert.ToInt32(await _db.ScalarAsync($"SELECT attempt FROM jobs WHERE id = '{job.Id}'")) >= 2);
        Assert.Equal((long)Rows, Convert.ToInt64(await _db.ScalarAsync("SELECT count(*) FROM users WHERE username LIKE 'node%'")));
        var events = (await watching.CollectAsync(TimeSpan.FromSeconds(5), e => IsJob(e, job.Id) && e.GetProperty("status").GetString() == "completed"))
            .Where(e => IsJob(e, job.Id)).ToList();
        var progress = events.Select(e => e.GetProperty("processed").GetInt64()).Where(p => p is > 0 and < Rows).ToList();
        Assert.True(progress.Count >= 3, $"node A's stream showed {progress.Count} progress events of the job run elsewhere");
        Assert.Equal(progress.Order(), progress);
        Assert.Equal("completed", events[^1].GetProperty("status").GetString());
        Assert.Equal((long)Rows, Convert.ToInt64(await _db.ScalarAsync("SELECT count(DISTINCT lower(username)) FROM users WHERE username LIKE 'node%'")));
        // The changes crossed the nodes the way the route says: each live node LISTENs, or none does and the feed carried them.
        var listening = Convert.ToInt64(await _db.ScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN offload_jobs'"));
        var fed = Convert.ToInt64(await _db.ScalarAsync("SELECT count(*) FROM job_change_feed"));
        if (route == "pgbouncer+polling") Assert.True(listening == 0 && fed > 0, $"{listening} nodes LISTEN, {fed} changes in the feed");
        else Assert.True(listening >= 4 && fed == 0, $"{listening} nodes LISTEN, {fed} changes in the feed");
    }

    [Fact]
    public async Task A_pause_asked_on_a_web_node_reaches_the_worker_on_another_and_resumed_the_job_completes_once()
    {
        const int rows = 40_000;
        _route = "direct";
        var web = await StartAsync("web", chunkSize: 20);
        await StartAsync("worker", chunkSize: 20);
        await StartAsync("worker", chunkSize: 20);
        using var http = await web.SignInAsync("nodes-admin-password");
        var csv = new StringBuilder("username,email\n");
        for (var i = 0; i < rows; i++) csv.Append(CultureInfo.InvariantCulture, $"far{i:000000},far{i:000000}@example.com\n");
        var job = await http.ImportJobAsync(csv.ToString(), "far.csv");
        await http.WaitUntilAsync(job.Id, j => j.Processed >= 20, TimeSpan.FromMinutes(2), Outputs);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await http.PostAsync($"/api/jobs/{job.Id}/pause", null)).StatusCode);
        var paused = await http.WaitUntilAsync(job.Id, j => j.Status is "paused" or "completed", TimeSpan.FromMinutes(1), Outputs);
        Assert.True(paused.Status == "paused", "the job ended before its pause: it proves nothing");
        Assert.IsType<DBNull>(await _db.ScalarAsync($"SELECT lease_owner FROM jobs WHERE id = '{job.Id}'"));
        // How long the ask took to reach the worker on the other node (SPEC: within a second; measured, not asserted).
        var delay = await _db.ScalarAsync($"SELECT EXTRACT(EPOCH FROM paused_at - pause_requested_at) FROM jobs WHERE id = '{job.Id}'");
        output.WriteLine($"pause reached the worker node after {delay} s");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(paused.Processed, (await http.WaitUntilAsync(job.Id, _ => true)).Processed);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await http.PostAsync($"/api/jobs/{job.Id}/resume", null)).StatusCode);
        var done = await http.WaitUntilAsync(job.Id, j => j.Status is "completed" or "failed" or "aborted", TimeSpan.FromMinutes(3), Outputs);
        Assert.True(done.Status == "completed", $"{done.Status} {done.FailureReason}");
        Assert.Equal((long)rows, Convert.ToInt64(await _db.ScalarAsync("SELECT count(DISTINCT lower(username)) FROM users WHERE username LIKE 'far%'")));
        Assert.Equal((long)rows, Convert.ToInt64(await _db.ScalarAsync("SELECT count(*) FROM users WHERE username LIKE 'far%'")));
    }

    private async Task<HostProcess> StartAsync(string role, int? chunkSize = null)
    {
        var settings = await SettingsAsync();
        if (chunkSize is { } size) settings["Offload__ChunkSize"] = size.ToString(CultureInfo.InvariantCulture);
        var node = await HostProcess.StartAsync(_data, settings, role: role);
        _nodes.Add(node);
        return node;
    }

    private static bool IsJob(System.Text.Json.JsonElement e, Guid id) =>
        e.TryGetProperty("id", out var p) && p.GetString() == id.ToString() && e.TryGetProperty("processed", out _);

    private string Outputs() => string.Join("\n---\n", _nodes.Select(n => n.Output));

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) node.Dispose();
        await _db.DropAsync();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
