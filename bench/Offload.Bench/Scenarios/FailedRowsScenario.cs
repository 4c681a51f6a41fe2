using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Issue 19's failed-rows file: an import whose every row fails (1,000,000 rows, one error each), then
/// GET /api/jobs/{id}/failed.csv through the real host — the upload and the error rows read side by side, streamed.
/// The claim is flat memory: the host's peak RSS during the download barely exceeds its RSS before it.
/// </summary>
internal sealed class FailedRowsScenario : IScenario
{
    public string Name => "failedrows";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var rows = sizes.ImportRows.Max();
        var table = new Table("Failed-rows file of an import whose every row failed (GET /api/jobs/{id}/failed.csv, streamed)",
            $"Target: the {Format.Count(rows)}-row download grows the host's peak RSS by ≤ 50 MB over its RSS just before (no per-row state kept).",
            "store", "failed rows", "file", "download", "rows/s", "RSS before", "peak during", "growth", "target");
        using var scratch = new Scratch("failedrows");
        var csv = scratch.File($"users-failing-{rows}.csv");
        await using (var writer = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false), 1 << 16))
        {
            // Each row fails on its language alone: one error row per data row, nothing written to users.
            await writer.WriteLineAsync("username,email,firstname,language");
            for (var i = 0; i < rows; i++) await writer.WriteLineAsync($"fail{i},fail{i}@example.com,First{i},xx");
        }
        foreach (var store in sizes.Stores)
        {
            using var data = new Scratch("failedrows-host");
            var connection = store == BenchStore.Sqlite
                ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(data.File("offload.db"))
                : await BenchPostgres.CreateDatabaseAsync("bench_failedrows");
            await using (var host = await BenchHost.StartAsync(store, connection, data.Path))
            {
                using var http = await BenchHost.SignInAsync(host);
                var id = await http.StartFailingImportAsync(csv);
                var job = await http.WaitFinishedAsync(id, sizes.Limit * 4);
                if (job.GetProperty("errorCount").GetInt64() != rows) throw new InvalidOperationException($"Expected {rows} error rows: {job}");
                await Task.Delay(1000); // let the host settle after the job before the baseline
                host.ResetPeakRss();
                var before = host.RssBytes;
                var clock = Stopwatch.StartNew();
                var (bytes, lines) = await DownloadAsync(http, id);
                var time = clock.Elapsed;
                var peak = host.PeakRssBytes;
                if (lines != rows + 1) throw new InvalidOperationException($"The file has {lines} lines for {rows} failed rows.");
                table.Add(store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL", Format.Count(rows), Format.Mb(bytes), Format.Ms(time.TotalMilliseconds),
                    Format.Rate(rows / time.TotalSeconds), Format.Mb(before), Format.Mb(peak), Format.Mb(peak - before),
                    Format.Verdict(peak - before <= 50L * 1024 * 1024));
            }
            if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connection);
        }
        return [table];
    }

    /// <summary>Reads the download as a client would, counting bytes and lines, keeping none of it.</summary>
    private static async Task<(long Bytes, long Lines)> DownloadAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/api/jobs/{id}/failed.csv", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return (bytes, lines);
    }
}
