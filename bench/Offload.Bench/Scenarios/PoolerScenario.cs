using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Offload.Bench.Harness;
using Offload.Bench.Offload;
using Offload.Testing;

namespace Offload.Bench.Scenarios;

/// <summary>
/// PostgreSQL straight, through PgBouncer in transaction mode with a direct LISTEN connection (ConnectionStrings:OffloadListen),
/// and through PgBouncer alone (changes polled from job_change_feed). Across two processes, a web node and a worker node:
/// the wake-up of the idle worker after a job is created on the web node, and how late the web node's live stream shows
/// the job finished on the worker. Then tiny-job throughput on one node, prepared statements on and off.
/// </summary>
internal sealed class PoolerScenario : IScenario
{
    private const string Password = "bench-admin-password-1";

    public string Name => "pooler";

    private static readonly string[] Routes = ["direct (LISTEN)", "PgBouncer + OffloadListen", "PgBouncer, polling"];

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var jobs = sizes.Smoke ? 5 : 60;
        var latency = new Table("Through PgBouncer: cross-node latency",
            $"A web node and a worker node (2 workers); {jobs} one-row imports created one at a time on the web node, 0.2–0.7 s apart, " +
            "each waited for on the web node's live stream. Wake-up: the job's started_at − created_at. Live update: the stream's " +
            "event − finished_at.", "route", "wake-up p50", "p90", "max", "live update p50", "p90", "max");
        foreach (var route in Routes) await MeasureLatencyAsync(route, jobs, latency);

        var throughput = new Table("Through PgBouncer: tiny-job throughput",
            $"{Format.Count(sizes.ThroughputJobs / 2)} no-op jobs drained by one node (8 workers), as in the throughput table.",
            "connection", "time", "jobs/s");
        foreach (var (label, pooled, setting) in new[]
                 {
                     ("direct, prepared (default)", false, ""), ("direct, Max Auto Prepare=0", false, ";Max Auto Prepare=0"),
                     ("PgBouncer transaction, nothing prepared", true, ""),
                 })
            await MeasureThroughputAsync(label, pooled, setting, sizes, throughput);
        return [latency, throughput];
    }

    private static async Task MeasureLatencyAsync(string route, int jobs, Table table)
    {
        using var scratch = new Scratch("pooler");
        var direct = await BenchPostgres.CreateDatabaseAsync("bench_pooler");
        var settings = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Offload__Store"] = "postgres",
            ["ConnectionStrings__Offload"] = direct,
            ["Offload__Bootstrap__AdminPassword"] = Password,
            ["Offload__Workers"] = "2",
        };
        if (route != Routes[0])
        {
            settings["ConnectionStrings__Offload"] = (await PgBouncer.InstanceAsync()).Pooled(direct);
            settings["Offload__Postgres__Pooler"] = "transaction";
            if (route == Routes[1]) settings["ConnectionStrings__OffloadListen"] = direct;
        }
        var wakeUps = new List<double>();
        var updates = new List<double>();
        using (var web = await HostProcess.StartAsync(scratch.Path, settings, role: "web", onError: line => Console.Error.WriteLine($"  [web] {line}")))
        using (var worker = await HostProcess.StartAsync(scratch.Path, settings, role: "worker", onError: line => Console.Error.WriteLine($"  [worker] {line}")))
        using (var http = await web.SignInAsync(Password))
        {
            using var stream = new FinishedStream(http);
            await stream.OpenAsync();
            for (var i = 0; i < jobs + 1; i++)
            {
                await Task.Delay(Random.Shared.Next(200, 700));
                var id = await CreateAsync(http, i);
                var seen = await stream.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
                var (created, started, finished) = await TimesAsync(direct, id);
                if (i == 0) continue; // warm-up: JIT, pools
                wakeUps.Add((started - created).TotalMilliseconds);
                updates.Add((seen - finished).TotalMilliseconds);
            }
        }
        await BenchPostgres.DropDatabaseAsync(direct);
        double[] w = [.. wakeUps.Order()], u = [.. updates.Order()];
        table.Add(route, Format.Ms(Latencies.Percentile(w, 50)), Format.Ms(Latencies.Percentile(w, 90)), Format.Ms(w[^1]),
            Format.Ms(Latencies.Percentile(u, 50)), Format.Ms(Latencies.Percentile(u, 90)), Format.Ms(u[^1]));
    }

    private static async Task<string> CreateAsync(HttpClient http, int i)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent($"username,email,firstname\npool{i:0000},pool{i:0000}@example.com,P\n"), "file", "pool.csv" },
        };
        var response = await http.PostAsync("/api/mass-actions/users-import", form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Import refused: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("job").GetProperty("id").GetString()!;
    }

    private static async Task<(DateTimeOffset Created, DateTimeOffset Started, DateTimeOffset Finished)> TimesAsync(string db, string id)
    {
        await using var c = new NpgsqlConnection(db);
        await c.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT created_at, started_at, finished_at FROM jobs WHERE id = @id::uuid", c);
        read.Parameters.AddWithValue("id", id);
        await using var r = await read.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2));
    }

    private static async Task MeasureThroughputAsync(string label, bool pooled, string setting, BenchSizes sizes, Table table)
    {
        using var scratch = new Scratch("pooler-throughput");
        var direct = await BenchPostgres.CreateDatabaseAsync("bench_pooler_tp");
        var connection = (pooled ? (await PgBouncer.InstanceAsync()).Pooled(direct) : direct) + setting;
        var count = sizes.ThroughputJobs / 2;
        TimeSpan time;
        await using (var node = await OffloadNode.CreateAsync(BenchStore.Postgres, connection, scratch.Path, 8, pooler: pooled ? "transaction" : null))
        {
            for (var i = 0; i < count; i++) await node.EnqueueProbeAsync(i);
            var clock = Stopwatch.StartNew();
            await node.StartAsync();
            while (node.Finished < count && clock.Elapsed < sizes.Limit) await Task.Delay(2);
            time = clock.Elapsed;
            count = node.Finished;
        }
        await BenchPostgres.DropDatabaseAsync(direct);
        table.Add(label, Format.Ms(time.TotalMilliseconds), Format.Rate(count / time.TotalSeconds));
    }

    /// <summary>The web node's GET /api/jobs/events, read as it comes: when each job's "completed" arrived.</summary>
    private sealed class FinishedStream(HttpClient http) : IDisposable
    {
        private readonly Dictionary<string, TaskCompletionSource<DateTimeOffset>> _finished = [];
        private readonly CancellationTokenSource _stop = new();

        public async Task OpenAsync()
        {
            var response = await http.GetAsync("/api/jobs/events", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            _ = Task.Run(async () =>
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                    var at = DateTimeOffset.UtcNow;
                    var e = JsonDocument.Parse(line[6..]).RootElement;
                    if (e.TryGetProperty("status", out var s) && s.GetString() == "completed")
                        Slot(e.GetProperty("id").GetString()!).TrySetResult(at);
                }
            });
        }

        public Task<DateTimeOffset> WaitFinishedAsync(string id, TimeSpan limit) => Slot(id).Task.WaitAsync(limit);

        private TaskCompletionSource<DateTimeOffset> Slot(string id)
        {
            lock (_finished)
            {
                if (!_finished.TryGetValue(id, out var slot))
                    _finished[id] = slot = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
                return slot;
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
