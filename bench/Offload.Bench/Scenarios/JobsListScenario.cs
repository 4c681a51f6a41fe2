using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;

namespace Offload.Bench.Scenarios;

/// <summary>
/// The Background Jobs list's first page over HTTP (GET /api/jobs as the Superadmin, all jobs and
/// one status filter) with a million finished jobs stored, bulk-loaded under the running host.
/// </summary>
internal sealed class JobsListScenario : IScenario
{
    internal const int Requests = 200;

    public string Name => "list";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var table = new Table($"Jobs list, first page, with {Format.Count(sizes.ListJobs)} jobs stored",
            $"{Requests} sequential GETs through the real host's HTTP API, bearer token. Target: p50 ≤ 10 ms.",
            "store", "request", "p50", "p99", "target");
        foreach (var store in sizes.Stores)
        {
            using var data = new Scratch("list");
            var connection = await MigratedDatabase.CreateAsync(store, data);
            await using (var host = await BenchHost.StartAsync(store, connection, data.Path))
            {
                using var http = await BenchHost.SignInAsync(host);
                await LoadJobsAsync(store, connection, sizes.ListJobs);
                foreach (var url in new[] { "/api/jobs?scope=all", "/api/jobs?scope=all&status=failed" })
                {
                    var ms = await TimeAsync(http, url);
                    var p50 = Latencies.Percentile(ms, 50);
                    table.Add(store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL", $"`GET {url}`", Format.Ms(p50),
                        Format.Ms(Latencies.Percentile(ms, 99)), Format.Verdict(p50 <= 10));
                }
            }
            await MigratedDatabase.DropAsync(store, connection);
        }
        return [table];
    }

    /// <summary><see cref="Requests"/> sequential GETs of <paramref name="url"/> after a warm-up: their milliseconds, sorted.</summary>
    internal static async Task<double[]> TimeAsync(HttpClient http, string url)
    {
        for (var i = 0; i < 20; i++) (await http.GetAsync(url)).EnsureSuccessStatusCode(); // warm-up
        var ms = new double[Requests];
        for (var i = 0; i < Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(ms);
        return ms;
    }

    /// <summary>Finished jobs of the admin (id 1), oldest first, one in a hundred failed; they expire in a year.</summary>
    internal static async Task LoadJobsAsync(BenchStore store, string connectionString, int count)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var expires = DateTimeOffset.UtcNow.AddDays(365);
        if (store == BenchStore.Postgres)
        {
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync();
            await using (var copy = await c.BeginBinaryImportAsync("""
                COPY jobs (id, kind, description, owner_id, owner_name, status, created_at, finished_at, total, processed, expires_at, input)
                FROM STDIN (FORMAT BINARY)
                """))
            {
                for (var i = 0; i < count; i++)
                {
                    var created = start.AddMilliseconds(i);
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7(created), NpgsqlDbType.Uuid);
                    await copy.WriteAsync("users.import", NpgsqlDbType.Text);
                    await copy.WriteAsync("Import of users.csv (10 rows)", NpgsqlDbType.Text);
                    await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                    await copy.WriteAsync("admin", NpgsqlDbType.Text);
                    await copy.WriteAsync(i % 100 == 0 ? "failed" : "completed", NpgsqlDbType.Text);
                    await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(created.AddSeconds(1), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(10L, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(10L, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(expires, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("{}", NpgsqlDbType.Text);
                }
                await copy.CompleteAsync();
            }
            await using var analyze = new NpgsqlCommand("ANALYZE jobs", c);
            await analyze.ExecuteNonQueryAsync();
        }
        else
        {
            await using var c = new SqliteConnection(connectionString);
            await c.OpenAsync();
            await using var tx = c.BeginTransaction();
            await using var insert = c.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO jobs (id, kind, description, owner_id, owner_name, status, created_at, finished_at, total, processed, expires_at, input)
                VALUES ($id, 'users.import', 'Import of users.csv (10 rows)', 1, 'admin', $status, $created, $finished, 10, 10, $expires, '{}')
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var status = insert.Parameters.Add("$status", SqliteType.Text);
            var createdAt = insert.Parameters.Add("$created", SqliteType.Integer);
            var finishedAt = insert.Parameters.Add("$finished", SqliteType.Integer);
            insert.Parameters.AddWithValue("$expires", expires.ToUnixTimeMilliseconds());
            insert.Prepare();
            for (var i = 0; i < count; i++)
            {
                var created = start.AddMilliseconds(i);
                id.Value = Guid.CreateVersion7(created).ToString();
                status.Value = i % 100 == 0 ? "failed" : "completed";
                createdAt.Value = created.ToUnixTimeMilliseconds();
                finishedAt.Value = created.AddSeconds(1).ToUnixTimeMilliseconds();
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
    }
}
