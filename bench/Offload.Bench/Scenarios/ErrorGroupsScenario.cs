using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;
using Offload.Storage.Postgres;
using Offload.Storage.Sql;
using Offload.Storage.Sqlite;

namespace Offload.Bench.Scenarios;

/// <summary>
/// A job with a million error rows, made through real chunk commits (an import whose every row fails, for one of five
/// reasons), then its errors by reason over HTTP (GET /api/jobs/{id}/error-groups, read from the counts its chunks
/// kept) beside the raw limit of grouping at read time (GROUP BY over its error rows). The import's own time is the
/// cost of keeping those counts, to compare with a build without them.
/// </summary>
internal sealed class ErrorGroupsScenario : IScenario
{
    private const int RawRuns = 5;

    /// <summary>Every row fails once, each for the reason its number picks: five groups.</summary>
    private static readonly string[] Faults = ["{0},not-an-email,en,,", "{0},{0}@example.com,de,,", "{0} x,{0}@example.com,en,,",
        "{0},{0}@example.com,en,maybe,", "{0},{0}@example.com,en,,Nowhere"];

    /// <summary>What grouping at read time costs: the same answer from the error rows themselves.</summary>
    private const string RawGroupBy = """
        SELECT field, message, count(*) FROM job_errors WHERE job_id = @job GROUP BY field, message ORDER BY count(*) DESC LIMIT 20
        """;

    public string Name => "error-groups";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var rows = sizes.Smoke ? 1_000 : 1_000_000;
        var imports = new Table($"Import of {Format.Count(rows)} rows that all fail (five reasons), end to end",
            "HTTP upload → job completed, on a fresh host and database: every row becomes an error row, and each chunk also " +
            "adds its errors' counts by reason in the same transaction. Compare with the same run on a build without the counts.",
            "store", "rows", "error rows", "end to end", "rows/s");
        var reads = new Table($"Errors grouped by reason, job with {Format.Count(rows)} error rows",
            $"{JobsListScenario.Requests} sequential `GET /api/jobs/{{id}}/error-groups` through the real host's HTTP API, bearer token; raw: " +
            $"`SELECT field, message, count(*) … GROUP BY` over the job's error rows on one open connection (p50 of {RawRuns}), " +
            "what grouping at read time would cost. Target: p50 ≤ 20 ms.",
            "store", "p50", "p95", "raw GROUP BY", "target");
        foreach (var store in sizes.Stores)
        {
            var name = store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL";
            using var data = new Scratch("error-groups");
            var csv = data.File("failing.csv");
            await WriteCsvAsync(csv, rows);
            var connection = await MigratedDatabase.CreateAsync(store, data);
            await using (var host = await BenchHost.StartAsync(store, connection, data.Path))
            {
                using var http = await BenchHost.SignInAsync(host);
                var (id, time, errors) = await ImportAsync(http, csv);
                imports.Add(name, Format.Count(rows), Format.Count(errors), Format.Ms(time.TotalMilliseconds), Format.Rate(rows / time.TotalSeconds));

                var ms = await JobsListScenario.TimeAsync(http, $"/api/jobs/{id}/error-groups");
                var raw = await RawAsync(store, connection, id);
                var p50 = Latencies.Percentile(ms, 50);
                reads.Add(name, Format.Ms(p50), Format.Ms(Latencies.Percentile(ms, 95)), Format.Ms(Latencies.Percentile(raw, 50)), Format.Verdict(p50 <= 20));
            }
            await MigratedDatabase.DropAsync(store, connection);
        }
        return [imports, reads];
    }

    private static async Task WriteCsvAsync(string path, int rows)
    {
        await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("username,email,language,active,branch");
        for (var i = 0; i < rows; i++) await writer.WriteLineAsync(string.Format(null, Faults[i % Faults.Length], $"eg{i}"));
    }

    /// <summary>The import through the host's HTTP API, until its job finished: its id, the whole time, its error count.</summary>
    private static async Task<(Guid Id, TimeSpan Time, long Errors)> ImportAsync(HttpClient http, string csv)
    {
        var clock = Stopwatch.StartNew();
        var id = await http.StartFailingImportAsync(csv);
        var job = await http.WaitFinishedAsync(id, TimeSpan.FromMinutes(15));
        if (job.GetProperty("status").GetString() != "completed")
            throw new InvalidOperationException($"Import did not complete: {job}");
        return (Guid.Parse(id), clock.Elapsed, job.GetProperty("errorCount").GetInt64());
    }

    private static async Task<double[]> RawAsync(BenchStore store, string connectionString, Guid jobId)
    {
        SqlDatabase db = store == BenchStore.Sqlite ? new SqliteDatabase(connectionString) : new PostgresDatabase(connectionString);
        try
        {
            await using var c = await db.ConnectAsync(default);
            var ms = new double[RawRuns];
            for (var i = 0; i < RawRuns; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await using var group = c.Command(RawGroupBy, null, ("@job", db.Dialect.Key(jobId)));
                await using (var reader = await group.ExecuteReaderAsync())
                    while (await reader.ReadAsync()) { }
                ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            Array.Sort(ms);
            return ms;
        }
        finally
        {
            if (db is IAsyncDisposable pg) await pg.DisposeAsync();
            else (db as IDisposable)?.Dispose();
        }
    }
}
