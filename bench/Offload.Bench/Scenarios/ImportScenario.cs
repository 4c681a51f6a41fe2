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
/// job reads completed — against the raw bulk insert of the same rows into the same tables. The host's
/// peak RSS (VmHWM) is read at the end of each import; it must stay flat as the file grows.
/// </summary>
internal sealed class ImportScenario(string? outputFolder) : IScenario
{
    public string Name => "import";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var table = new Table("CSV import of users, end to end (HTTP upload → job completed)",
            "Target: ≥ 0.5× the raw bulk insert (COPY on PostgreSQL, one prepared INSERT loop in one transaction on SQLite), ≥ 100,000 rows/s, " +
            "host peak RSS ≤ 200 MB and flat from the smallest to the largest file.",
            "store", "rows", "end to end", "of which upload + check", "rows/s", "raw insert", "× raw", "peak RSS", "target");
        var points = new List<string> { "store,rows,seconds,peak_rss_mb,raw_seconds" };
        using var scratch = new Scratch("import");
        foreach (var store in sizes.Stores)
        {
            long? smallestRss = null;
            foreach (var rows in sizes.ImportRows)
            {
                var csv = scratch.File($"users-{rows}.csv");
                if (!File.Exists(csv)) await WriteCsvAsync(csv, rows);
                var (time, upload, rss) = await ImportAsync(store, csv, rows, sizes);
                var raw = await RawAsync(store, rows);
                smallestRss ??= rss;
                var rate = rows / time.TotalSeconds;
                var ratio = raw.TotalSeconds / time.TotalSeconds;
                var flat = rss <= smallestRss * 1.25 + 16 * 1024 * 1024;
                table.Add(store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL", Format.Count(rows), Format.Ms(time.TotalMilliseconds),
                    Format.Ms(upload.TotalMilliseconds), Format.Rate(rate), Format.Ms(raw.TotalMilliseconds), Format.Ratio(ratio), Format.Mb(rss),
                    Format.Verdict(ratio >= 0.5 && rate >= 100_000 && rss <= 200L * 1024 * 1024 && flat));
                points.Add(string.Join(',', store.ToString().ToLowerInvariant(), rows.ToString(CultureInfo.InvariantCulture),
                    time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture),
                    (rss / 1024.0 / 1024).ToString("0.0", CultureInfo.InvariantCulture),
                    raw.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));
            }
        }
        if (outputFolder is not null)
        {
            Directory.CreateDirectory(outputFolder);
            await File.WriteAllLinesAsync(Path.Combine(outputFolder, "import.csv"), points);
        }
        return [table];
    }

    private static async Task<(TimeSpan Time, TimeSpan Upload, long PeakRss)> ImportAsync(BenchStore store, string csv, int rows, BenchSizes sizes)
    {
        using var data = new Scratch("import-host");
        var connection = store == BenchStore.Sqlite
            ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(data.File("offload.db"))
            : await BenchPostgres.CreateDatabaseAsync("bench_import");
        TimeSpan time, upload;
        long rss;
        await using (var host = await OffloadHostProcess.StartAsync(store, connection, data.Path))
        {
            var clock = Stopwatch.StartNew();
            await using var file = File.OpenRead(csv);
            using var form = new MultipartFormDataContent();
            var content = new StreamContent(file);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            form.Add(content, "file", Path.GetFileName(csv));
            var response = await host.Http.PostAsync("/api/mass-actions/users-import", form);
            upload = clock.Elapsed;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Import refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetString()!;
            var job = await host.WaitFinishedAsync(id, sizes.Limit * 2);
            time = clock.Elapsed;
            rss = host.PeakRssBytes;
            if (job.GetProperty("status").GetString() != "completed" || job.GetProperty("processed").GetInt64() != rows || job.GetProperty("errorCount").GetInt64() != 0)
                throw new InvalidOperationException($"Import did not complete cleanly: {job}");
        }
        if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connection);
        return (time, upload, rss);
    }

    /// <summary>The same rows into a freshly migrated database of the same schema.</summary>
    private static async Task<TimeSpan> RawAsync(BenchStore store, int rows)
    {
        using var data = new Scratch("import-raw");
        var connection = await MigratedDatabase.CreateAsync(store, data);
        var time = await RawInsert.UsersAsync(store, connection, rows);
        await MigratedDatabase.DropAsync(store, connection);
        return time;
    }

    private static async Task WriteCsvAsync(string path, int rows)
    {
        await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("username,email,firstname,lastname");
        for (var i = 0; i < rows; i++)
            await writer.WriteLineAsync($"{RawInsert.Username(i)},{RawInsert.Username(i)}@example.com,First{i},Last{i}");
    }
}
