using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Issue 17's import preview, end to end through the real host (HTTP upload → every row checked → 201), side by side
/// with the import of the same file on the same host: the preview must take ≤ 0.3× the import and keep the host's
/// peak RSS ≤ 200 MB. A fresh host previews first (its peak counts from start, like the import's memory target), then
/// imports the file; it previews it again once every name exists, when every username lookup finds its account.
/// </summary>
internal sealed class PreviewScenario : IScenario
{
    public string Name => "preview";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var rows = sizes.ImportRows.Max();
        var table = new Table("Import preview of users, end to end (HTTP upload → preview), beside the import of the same file",
            $"Target: for {Format.Count(rows)} rows the preview takes ≤ 0.3× the same file's import end to end, host peak RSS ≤ 200 MB " +
            "(fresh host, from start). The import runs on the same host right after the first preview; the second preview finds every name existing.",
            "store", "preview of", "rows", "preview", "import", "× import", "peak RSS", "target");
        using var scratch = new Scratch("preview");
        var csv = scratch.File($"users-preview-{rows}.csv");
        await ImportScenario.WriteCsvAsync(csv, rows, $"preview{rows}u");
        foreach (var store in sizes.Stores)
        {
            using var data = new Scratch("preview-host");
            var connection = store == BenchStore.Sqlite
                ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(data.File("offload.db"))
                : await BenchPostgres.CreateDatabaseAsync("bench_preview");
            await using (var host = await BenchHost.StartAsync(store, connection, data.Path))
            {
                using var http = await BenchHost.SignInAsync(host);
                var (fresh, creates) = await PreviewAsync(http, csv);
                var freshRss = host.PeakRssBytes;
                if (creates != rows) throw new InvalidOperationException($"The preview of new names counted {creates} creates of {rows}.");
                var (import, _) = await ImportScenario.ImportAsync(http, csv, rows, sizes);
                host.ResetPeakRss();
                var (existing, again) = await PreviewAsync(http, csv);
                if (again != 0) throw new InvalidOperationException($"The preview of existing names counted {again} creates.");
                var name = store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL";
                foreach (var (what, time, rss) in new[] { ("new names (fresh host)", fresh, freshRss), ("existing names", existing, host.PeakRssBytes) })
                {
                    var ratio = time.TotalSeconds / import.TotalSeconds;
                    table.Add(name, what, Format.Count(rows), Format.Ms(time.TotalMilliseconds), Format.Ms(import.TotalMilliseconds),
                        Format.Ratio(ratio), Format.Mb(rss), Format.Verdict(ratio <= 0.3 && rss <= 200L * 1024 * 1024));
                }
            }
            if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connection);
        }
        return [table];
    }

    /// <summary>One preview through the host's HTTP API, then its deletion (the file is not kept): the time and the creates counted.</summary>
    private static async Task<(TimeSpan Time, long Creates)> PreviewAsync(HttpClient http, string csv)
    {
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(csv);
        using var form = new MultipartFormDataContent();
        var content = new StreamContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", Path.GetFileName(csv));
        form.Add(new StringContent("false"), "updateExisting");
        var response = await http.PostAsync("/api/mass-actions/users-import/preview", form);
        var time = clock.Elapsed;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Preview refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        (await http.DeleteAsync($"/api/mass-actions/users-import/preview/{preview.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
        return (time, preview.GetProperty("creates").GetInt64());
    }
}
