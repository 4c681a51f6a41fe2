using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;

namespace Offload.Bench.Scenarios;

/// <summary>
/// CSV import end to end through the real host: upload over HTTP, inspection, job, chunks, until the
/// job reads completed — against the raw bulk insert of the same rows into the same tables. Each size
/// runs on a fresh host, whose peak RSS (VmHWM) must stay flat as the file grows; the largest file is
/// then imported again on that host, now warm, for the speed a server that has been up a while gives,
/// and once on a fresh host of the published build (<see cref="PublishedBuild"/>), as production runs it.
/// </summary>
internal sealed class ImportScenario(string? outputFolder) : IScenario
{
    public string Name => "import";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var largest = sizes.ImportRows.Max();
        var table = new Table("CSV import of users, end to end (HTTP upload → job completed)",
            $"Target: for {Format.Count(largest)} rows ≥ 0.5× the raw bulk insert (COPY on PostgreSQL, one prepared INSERT loop in one transaction on SQLite) " +
            "and ≥ 100,000 rows/s; host peak RSS ≤ 200 MB and flat from the smallest to the largest file. A fresh host per size: its first import after " +
            "start pays for the runtime compiling the hot code to its final tier, and its peak RSS counts from start (the memory target). The largest file " +
            "is then imported again, with new names, on the same host now warm, as on a server that has been up a while (the speed target; its peak RSS " +
            "counts from that import's start, on top of what the first import left resident). \"fresh, published\": the largest file on a fresh host of the " +
            "published ReadyToRun build (docs/OPERATIONS.md), whose first import must reach 0.5× too.",
            "store", "host", "rows", "end to end", "of which upload + check", "rows/s", "raw insert", "× raw", "peak RSS", "target");
        var points = new List<string> { "store,host,rows,seconds,peak_rss_mb,raw_seconds" };
        using var scratch = new Scratch("import");
        var published = await PublishedBuild.PublishAsync(scratch);
        foreach (var store in sizes.Stores)
        {
            long? smallestRss = null;
            foreach (var rows in sizes.ImportRows.Order())
            {
                var raw = await RawAsync(store, rows);
                // A fresh host per size for memory (its peak from start, comparable across sizes); the largest
                // file is then imported once more on the same, now warm, host for speed.
                var runs = rows == largest ? new[] { "fresh", "warm" } : ["fresh"];
                var results = await OnOneHostAsync(store, rows, runs, scratch, sizes);
                if (rows == largest) results.AddRange(await OnOneHostAsync(store, rows, ["fresh, published"], scratch, sizes, published));
                foreach (var (state, time, upload, rss) in results)
                {
                    if (state == "fresh") smallestRss ??= rss;
                    var rate = rows / time.TotalSeconds;
                    var ratio = raw.TotalSeconds / time.TotalSeconds;
                    // Memory is judged on fresh hosts of the build output, speed on the warm one and on the published build's
                    // first import (see the table's note).
                    var verdict = state switch
                    {
                        "warm" => Format.Verdict(ratio >= 0.5 && rate >= 100_000) + " (speed)",
                        "fresh, published" => Format.Verdict(ratio >= 0.5) + " (speed)",
                        _ => Format.Verdict(rss <= 200L * 1024 * 1024 && rss <= smallestRss * 1.25 + 16 * 1024 * 1024) + " (memory)",
                    };
                    table.Add(store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL", state, Format.Count(rows), Format.Ms(time.TotalMilliseconds),
                        Format.Ms(upload.TotalMilliseconds), Format.Rate(rate), Format.Ms(raw.TotalMilliseconds), Format.Ratio(ratio), Format.Mb(rss), verdict);
                    points.Add(string.Join(',', store.ToString().ToLowerInvariant(), state, rows.ToString(CultureInfo.InvariantCulture),
                        time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture),
                        (rss / 1024.0 / 1024).ToString("0.0", CultureInfo.InvariantCulture),
                        raw.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));
                }
            }
        }
        if (outputFolder is not null)
        {
            Directory.CreateDirectory(outputFolder);
            await File.WriteAllLinesAsync(Path.Combine(outputFolder, "import.csv"), points);
        }
        return [table];
    }

    /// <summary>
    /// Starts a host (of <paramref name="webDll"/>, else the build output) on a new database and imports a file of
    /// <paramref name="rows"/> new names once per run, in order.
    /// </summary>
    private static async Task<List<(string State, TimeSpan Time, TimeSpan Upload, long PeakRss)>> OnOneHostAsync(
        BenchStore store, int rows, string[] runs, Scratch scratch, BenchSizes sizes, string? webDll = null)
    {
        var results = new List<(string, TimeSpan, TimeSpan, long)>();
        using var data = new Scratch("import-host");
        var connection = store == BenchStore.Sqlite
            ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(data.File("offload.db"))
            : await BenchPostgres.CreateDatabaseAsync("bench_import");
        await using (var host = await BenchHost.StartAsync(store, connection, data.Path, webDll))
        {
            using var http = await BenchHost.SignInAsync(host);
            foreach (var state in runs)
            {
                var name = state.Replace(", ", "", StringComparison.Ordinal); // a username and file name part: no comma, no space
                var csv = scratch.File($"users-{name}-{rows}.csv");
                if (!File.Exists(csv)) await WriteCsvAsync(csv, rows, $"{name}{rows}u");
                if (state != runs[0]) host.ResetPeakRss();
                var (time, upload) = await ImportAsync(http, csv, rows, sizes);
                results.Add((state, time, upload, host.PeakRssBytes));
            }
        }
        if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connection);
        return results;
    }

    /// <summary>One import through the host's HTTP API: the whole time, and the share of the upload request (upload + check).</summary>
    internal static async Task<(TimeSpan Time, TimeSpan Upload)> ImportAsync(HttpClient http, string csv, int rows, BenchSizes sizes)
    {
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(csv);
        using var form = new MultipartFormDataContent();
        var content = new StreamContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", Path.GetFileName(csv));
        var response = await http.PostAsync("/api/mass-actions/users-import", form);
        var upload = clock.Elapsed;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Import refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetString()!;
        var job = await http.WaitFinishedAsync(id, sizes.Limit * 2);
        var time = clock.Elapsed;
        if (job.GetProperty("status").GetString() != "completed" || job.GetProperty("processed").GetInt64() != rows || job.GetProperty("errorCount").GetInt64() != 0)
            throw new InvalidOperationException($"Import did not complete cleanly: {job}");
        return (time, upload);
    }

    /// <summary>The same number of rows into a freshly migrated database of the same schema.</summary>
    private static async Task<TimeSpan> RawAsync(BenchStore store, int rows)
    {
        using var data = new Scratch("import-raw");
        var connection = await MigratedDatabase.CreateAsync(store, data);
        var time = await RawInsert.UsersAsync(store, connection, rows);
        await MigratedDatabase.DropAsync(store, connection);
        return time;
    }

    /// <summary>A file of new names: <paramref name="prefix"/> keeps each import's names apart in the one database.</summary>
    internal static async Task WriteCsvAsync(string path, int rows, string prefix)
    {
        await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("username,email,firstname,lastname");
        for (var i = 0; i < rows; i++)
            await writer.WriteLineAsync($"{prefix}{i},{prefix}{i}@example.com,First{i},Last{i}");
    }
}
