using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Offload.Testing;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// Load on the real host over loopback: 50 imports running at once, started again as each ends, while 500
/// browsers watch the live stream, for 60 s (OFFLOAD_SOAK_SECONDS). No request may fail, no stream may drop,
/// no job may fail, no row may be lost, and the host's memory must stay bounded. Run by `./test.sh --soak`
/// only (trait Category=Soak): it takes minutes, and its numbers are what it is for.
/// </summary>
[Trait("Category", "Soak")]
public sealed class SoakTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Importers = 50;
    private const int Watchers = 500;
    private const int RowsPerImport = 2_000;
    /// <summary>Far above what the host needs (about 200 MB at rest): the point is that it stops growing.</summary>
    private const long MemoryBoundBytes = 1L << 30;

    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-soak-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _db = null!;
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _db = await TestDatabase.CreateAsync(_data);
        _host = await HostProcess.StartAsync(_data, new Dictionary<string, string>(_db.Environment)
        {
            ["Offload__Bootstrap__AdminPassword"] = "soak-admin-password",
            // The 500 watchers stand for 500 browsers but share one account, past the per-account bound of 10.
            ["Offload__Events__MaxStreamsPerUser"] = "1000",
        });
    }

    [Fact]
    public async Task Fifty_imports_at_once_and_500_live_watchers_for_a_minute_lose_nothing_and_fail_nothing()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("OFFLOAD_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 60;
        using var api = await _host.SignInAsync("soak-admin-password");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var errors = new List<string>();
        var peakRss = 0L;

        var watchers = Enumerable.Range(0, Watchers).Select(_ => WatchAsync(api, errors, stop.Token)).ToList();
        var memory = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, _host.RssBytes);
                await Task.Delay(500, CancellationToken.None);
            }
        });
        var importers = Enumerable.Range(0, Importers).Select(i => ImportUntilAsync(api, i, errors, stop.Token)).ToList();

        var imported = (await Task.WhenAll(importers)).Sum(r => r.Rows);
        var jobs = importers.Sum(t => t.Result.Jobs);
        var events = await Task.WhenAll(watchers);
        await memory;
        peakRss = Math.Max(peakRss, _host.PeakRssBytes);
        var stored = Convert.ToInt64(await _db.ScalarAsync("SELECT count(*) FROM users WHERE username LIKE 'soak%'"), CultureInfo.InvariantCulture);

        output.WriteLine($"soak: {seconds} s, {Importers} concurrent importers, {Watchers} live watchers ({_db.Store})");
        output.WriteLine($"soak: {jobs} import jobs completed, {imported} rows imported, {stored} stored, {imported - stored} lost");
        output.WriteLine($"soak: {events.Sum()} events delivered, fewest to one watcher {events.Min()}, errors {errors.Count}");
        output.WriteLine($"soak: host peak RSS {peakRss / (1024 * 1024)} MB (bound {MemoryBoundBytes / (1024 * 1024)} MB)");
        lock (errors) Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        Assert.Equal(imported, stored);
        Assert.True(jobs >= Importers, $"only {jobs} imports completed");
        Assert.All(events, e => Assert.True(e > 0, "a watcher saw no event"));
        Assert.True(peakRss < MemoryBoundBytes, $"peak RSS {peakRss / (1024 * 1024)} MB");
    }

    /// <summary>One importer: upload, wait for the end, check it completed, again until time is up (the last one always finishes).</summary>
    private static async Task<(int Jobs, long Rows)> ImportUntilAsync(HttpClient api, int importer, List<string> errors, CancellationToken stop)
    {
        var (jobs, rows) = (0, 0L);
        while (!stop.IsCancellationRequested)
        {
            var prefix = $"soak{importer:00}x{jobs:000}u";
            var csv = new StringBuilder("username,email\n");
            for (var i = 0; i < RowsPerImport; i++) csv.Append(CultureInfo.InvariantCulture, $"{prefix}{i},{prefix}{i}@example.com\n");
            try
            {
                var response = await api.ImportAsync(csv.ToString(), $"soak-{importer}.csv");
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Fail(errors, $"import {prefix}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    continue;
                }
                var job = (await response.Content.ReadFromJsonAsync<CreatedBody>(CancellationToken.None))!.Job;
                var done = await WaitFinishedAsync(api, job.Id);
                if (done.Status != "completed" || done.Processed != RowsPerImport || done.ErrorCount != 0)
                    Fail(errors, $"import {prefix}: {done.Status} {done.Processed}/{done.Total}, {done.ErrorCount} errors, {done.FailureReason}");
                jobs++;
                rows += RowsPerImport;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException)
            {
                Fail(errors, $"import {prefix}: {e.GetType().Name}: {e.Message}");
            }
        }
        return (jobs, rows);
    }

    /// <summary>Polls like a script would, twice a second: the load is the imports and the streams, not the polling.</summary>
    private static async Task<JobBody> WaitFinishedAsync(HttpClient api, Guid id)
    {
        var until = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var job = (await api.GetFromJsonAsync<JobBody>($"/api/jobs/{id}"))!;
            if (job.Status is "completed" or "failed" or "aborted" || DateTime.UtcNow > until) return job;
            await Task.Delay(500);
        }
    }

    /// <summary>One browser's live stream, held for the whole run; counts its events, and a drop before the end is an error.</summary>
    private static async Task<int> WatchAsync(HttpClient api, List<string> errors, CancellationToken stop)
    {
        var count = 0;
        try
        {
            using var response = await api.GetAsync("/api/jobs/events", HttpCompletionOption.ResponseHeadersRead, stop);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Fail(errors, $"event stream: {(int)response.StatusCode}");
                return 0;
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is { } line)
                if (line.StartsWith("data: ", StringComparison.Ordinal)) count++;
            Fail(errors, "event stream: the server closed it before the end");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Fail(errors, $"event stream: {e.GetType().Name}: {e.Message}");
        }
        return count;
    }

    private static void Fail(List<string> errors, string error)
    {
        lock (errors) errors.Add(error);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _db.DropAsync();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
