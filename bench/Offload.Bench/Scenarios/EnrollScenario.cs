using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Enrolling every user in a course through the real host (filter frozen into ids, chunks, until the
/// job reads completed), against the raw bulk insert of the same enrollment rows.
/// </summary>
internal sealed class EnrollScenario : IScenario
{
    public string Name => "enroll";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var table = new Table("Enrolling every user in one course, end to end (HTTP request → job completed)",
            "Users are bulk-loaded first; the clock runs from the POST to the job reading completed. Target: ≥ 0.5× the raw bulk insert of the same rows.",
            "store", "enrollments", "end to end", "rows/s", "raw insert", "× raw", "target");
        foreach (var store in sizes.Stores)
        {
            var (rows, time) = await EnrollAsync(store, sizes);
            using var data = new Scratch("enroll-raw");
            var connection = await MigratedDatabase.CreateAsync(store, data);
            await RawInsert.UsersAsync(store, connection, sizes.EnrollUsers + 1); // + the host's admin
            var course = await CreateCourseAsync(store, connection);
            var (raw, rawRows) = await RawInsert.EnrollmentsAsync(store, connection, course);
            await MigratedDatabase.DropAsync(store, connection);
            var ratio = raw.TotalSeconds / time.TotalSeconds;
            table.Add(store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL", Format.Count(rows), Format.Ms(time.TotalMilliseconds),
                Format.Rate(rows / time.TotalSeconds), $"{Format.Ms(raw.TotalMilliseconds)} ({Format.Count(rawRows)} rows)", Format.Ratio(ratio),
                Format.Verdict(ratio >= 0.5));
        }
        return [table];
    }

    private static async Task<(long Rows, TimeSpan Time)> EnrollAsync(BenchStore store, BenchSizes sizes)
    {
        using var data = new Scratch("enroll");
        var connection = await MigratedDatabase.CreateAsync(store, data);
        await RawInsert.UsersAsync(store, connection, sizes.EnrollUsers);
        long rows;
        TimeSpan time;
        await using (var host = await BenchHost.StartAsync(store, connection, data.Path))
        {
            using var http = await BenchHost.SignInAsync(host);
            var created = await http.PostAsJsonAsync("/api/courses", new { code = "BENCH", title = "Benchmark course" });
            created.EnsureSuccessStatusCode();
            var courseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            var clock = Stopwatch.StartNew();
            var response = await http.PostAsJsonAsync("/api/mass-actions/enroll",
                new { selection = new { filter = new { active = true } }, courseIds = new[] { courseId } });
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Enroll refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetString()!;
            var job = await http.WaitFinishedAsync(id, sizes.Limit * 2);
            time = clock.Elapsed;
            if (job.GetProperty("status").GetString() != "completed")
                throw new InvalidOperationException($"Enroll did not complete: {job}");
            rows = job.GetProperty("processed").GetInt64();
        }
        await MigratedDatabase.DropAsync(store, connection);
        return (rows, time);
    }

    private static async Task<long> CreateCourseAsync(BenchStore store, string connectionString)
    {
        await using var c = store == BenchStore.Postgres
            ? (System.Data.Common.DbConnection)new Npgsql.NpgsqlConnection(connectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var insert = c.CreateCommand();
        insert.CommandText = "INSERT INTO courses (code, title) VALUES ('BENCH', 'Benchmark course') RETURNING id";
        return Convert.ToInt64(await insert.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
