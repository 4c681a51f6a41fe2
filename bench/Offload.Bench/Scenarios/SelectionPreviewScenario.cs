using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;
using Offload.Platform.MassActions;
using Offload.Platform.Users;
using Microsoft.Extensions.DependencyInjection;
using Offload.Storage.Sql;

namespace Offload.Bench.Scenarios;

/// <summary>
/// The preview of each selection action over a filter matching every user (SPEC §9), through the real host's HTTP
/// API as the Superadmin, against the raw limit: the same counts asked of the store directly, without HTTP or host.
/// </summary>
internal sealed class SelectionPreviewScenario : IScenario
{
    private const int Requests = 20;

    public string Name => "selection-preview";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var table = new Table($"Selection preview over a filter matching {Format.Count(sizes.PreviewUsers)} users",
            $"{Requests} sequential POSTs per action through the real host's HTTP API (filter active = true, every user; half of them enrolled in the course), " +
            "after 2 to warm up; raw: the same counts asked of the store in the bench's process. Target: p50 ≤ 500 ms.",
            "store", "action", "matched", "p50", "p95", "raw p50", "target");
        foreach (var store in sizes.Stores)
        {
            using var data = new Scratch("preview");
            var connection = await MigratedDatabase.CreateAsync(store, data);
            await RawInsert.UsersAsync(store, connection, sizes.PreviewUsers);
            await using (var host = await BenchHost.StartAsync(store, connection, data.Path))
            {
                using var http = await BenchHost.SignInAsync(host);
                var created = await http.PostAsJsonAsync("/api/courses", new { code = "BENCH", title = "Benchmark course" });
                created.EnsureSuccessStatusCode();
                var course = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
                await EnrollHalfAsync(store, connection, course);
                var admin = (await http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetInt64();
                var (counts, database) = Counts(store, connection);
                await using var _ = database;
                var filter = new { active = true };
                (string Action, object Body, SelectionRules Rules)[] actions =
                [
                    ("enroll", new { selection = new { filter }, courseIds = new[] { course } }, new(null, null, null, [course])),
                    ("unenroll", new { selection = new { filter }, courseIds = new[] { course } }, new(null, null, null, [course])),
                    ("users-status", new { selection = new { filter }, active = false }, new(null, null, admin, [])),
                    ("users-delete", new { selection = new { filter } }, new(null, null, admin, [])),
                    ("users-export", new { selection = new { filter } }, new(null, null, null, [])),
                ];
                foreach (var (action, body, rules) in actions)
                {
                    var (ms, matched) = await TimeHttpAsync(http, $"/api/mass-actions/{action}/preview", body);
                    var raw = await TimeRawAsync(() => counts.CountFilterAsync(new CountFilterRequest(new UserFilter(Active: true), rules), default));
                    var p50 = Latencies.Percentile(ms, 50);
                    table.Add(store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL", action, Format.Count(matched), Format.Ms(p50),
                        Format.Ms(Latencies.Percentile(ms, 95)), Format.Ms(Latencies.Percentile(raw, 50)), Format.Verdict(p50 <= 500));
                }
            }
            await MigratedDatabase.DropAsync(store, connection);
        }
        return [table];
    }

    private static async Task<(double[] Ms, long Matched)> TimeHttpAsync(HttpClient http, string url, object body)
    {
        long matched = 0;
        var ms = new double[Requests];
        for (var i = -2; i < Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
            if (i < 0) continue;
            ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            matched = JsonDocument.Parse(text).RootElement.GetProperty("total").GetInt64();
        }
        Array.Sort(ms);
        return (ms, matched);
    }

    private static async Task<double[]> TimeRawAsync(Func<Task<SelectionCounts>> count)
    {
        var ms = new double[Requests];
        for (var i = -2; i < Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await count();
            if (i >= 0) ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(ms);
        return ms;
    }

    /// <summary>The store's own counting class on the host's database: the SQL the preview runs, and nothing else.</summary>
    private static (ISelectionCounts Counts, IAsyncDisposable Database) Counts(BenchStore store, string connectionString)
    {
        var services = store.Driver().AddStores(new ServiceCollection(), new StoreLocation(connectionString, "")).BuildServiceProvider();
        return (services.GetRequiredService<ISelectionCounts>(), services);
    }

    /// <summary>Every other user enrolled in the course, so enroll and unenroll have both kinds to count.</summary>
    private static async Task EnrollHalfAsync(BenchStore store, string connectionString, long course)
    {
        await using DbConnection c = store == BenchStore.Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var insert = c.CreateCommand();
        insert.CommandText = store == BenchStore.Postgres
            ? $"INSERT INTO enrollments (user_id, course_id, enrolled_at) SELECT id, {course}, now() FROM users WHERE id % 2 = 0"
            : $"INSERT INTO enrollments (user_id, course_id, enrolled_at) SELECT id, {course}, 0 FROM users WHERE id % 2 = 0";
        insert.CommandTimeout = 600;
        await insert.ExecuteNonQueryAsync();
        if (store == BenchStore.Postgres)
        {
            // As autovacuum would after such a load: fresh statistics and a visibility map for index-only scans.
            insert.CommandText = "VACUUM ANALYZE";
            await insert.ExecuteNonQueryAsync();
        }
    }
}
