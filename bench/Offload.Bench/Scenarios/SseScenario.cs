using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Many pages watching one import through GET /api/jobs/events on the real host (SQLite). A poller
/// reads the job every 20 ms to learn when each progress value committed; each watcher's event is
/// late by the time from that first sighting to its arrival. The host's CPU is read from /proc.
/// </summary>
internal sealed class SseScenario : IScenario
{
    public string Name => "sse";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var rows = sizes.Smoke ? 2_000 : 300_000;
        var table = new Table($"{Format.Count(sizes.SseWatchers)} SSE watchers of one import of {Format.Count(rows)} rows (SQLite host)",
            "Lag = a watcher's event arrival − when a 20 ms poller first saw that progress committed. Target: progress visible ≤ 1 s after a chunk commits; CPU bounded (events coalesced).",
            "watchers", "events/s per watcher", "lag p50", "lag p99", "lag max", "host CPU during the job", "target");
        using var data = new Scratch("sse");
        var csv = data.File("users.csv");
        await using (var writer = new StreamWriter(csv))
        {
            await writer.WriteLineAsync("username,email");
            for (var i = 0; i < rows; i++) await writer.WriteLineAsync($"{RawInsert.Username(i)},{RawInsert.Username(i)}@example.com");
        }
        var connection = global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(data.File("offload.db"));
        await using var host = await BenchHost.StartAsync(BenchStore.Sqlite, connection, data.Path);
        using var http = await BenchHost.SignInAsync(host);

        using var stop = new CancellationTokenSource();
        var arrivals = new ConcurrentBag<(long At, long Processed)>();
        var connected = 0;
        using var watchersHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = http.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        watchersHttp.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        var watchers = Enumerable.Range(0, sizes.SseWatchers).Select(_ => WatchAsync(watchersHttp, arrivals, () => Interlocked.Increment(ref connected), stop.Token)).ToList();
        while (Volatile.Read(ref connected) < sizes.SseWatchers) await Task.Delay(20);

        var cpuBefore = host.CpuTime;
        var clock = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent();
        form.Add(new StreamContent(File.OpenRead(csv)), "file", "users.csv");
        var response = await http.PostAsync("/api/mass-actions/users-import", form);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetString()!;
        // The poller: when each progress value was first visible to a reader.
        var firstSeen = new SortedDictionary<long, long>();
        while (true)
        {
            var job = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            var processed = job.GetProperty("processed").GetInt64();
            firstSeen.TryAdd(processed, Stopwatch.GetTimestamp());
            if (job.GetProperty("status").GetString() is "completed" or "failed" or "aborted") break;
            await Task.Delay(20);
        }
        var jobTime = clock.Elapsed;
        var cpu = host.CpuTime - cpuBefore;
        await Task.Delay(1000); // the last coalescing window and fan-out
        await stop.CancelAsync();
        await Task.WhenAll(watchers);

        var lags = new List<double>();
        foreach (var (at, processed) in arrivals)
        {
            var seen = firstSeen.Where(s => s.Key >= processed).Select(s => s.Value).DefaultIfEmpty(at).Min();
            lags.Add(Math.Max(0, (at - seen) * 1000.0 / Stopwatch.Frequency));
        }
        var sorted = lags.Order().ToArray();
        var p99 = Latencies.Percentile(sorted, 99);
        var eventsPerWatcher = arrivals.Count / (double)sizes.SseWatchers / jobTime.TotalSeconds;
        table.Add(Format.Count(sizes.SseWatchers), Format.Number(eventsPerWatcher, "0.0"),
            Format.Ms(Latencies.Percentile(sorted, 50)), Format.Ms(p99), Format.Ms(sorted.Length > 0 ? sorted[^1] : double.NaN),
            $"{Format.Number(cpu.TotalSeconds / jobTime.TotalSeconds * 100, "0")} % of a core for {Format.Ms(jobTime.TotalMilliseconds)}",
            Format.Verdict(p99 <= 1000 && eventsPerWatcher <= 5));
        return [table];
    }

    /// <summary>One page: reads the stream and notes when each job event arrived and what progress it showed.</summary>
    private static async Task WatchAsync(HttpClient http, ConcurrentBag<(long, long)> arrivals, Action connected, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("/api/jobs/events", HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var reader = new StreamReader(stream);
            connected();
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                var at = Stopwatch.GetTimestamp();
                using var doc = JsonDocument.Parse(line.AsMemory(6));
                if (doc.RootElement.TryGetProperty("processed", out var p)) arrivals.Add((at, p.GetInt64()));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
