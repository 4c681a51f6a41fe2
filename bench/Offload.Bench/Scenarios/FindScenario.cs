using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Finding jobs (issue 20): each filter's first page over real HTTP (GET /api/jobs as the Superadmin, all jobs) with
/// many jobs stored — a thousand owners, seven kinds, six statuses, two weeks of creation dates, imports naming
/// their files — bulk-loaded straight into the database under the running host (its triggers keep SQLite's text
/// index in step as an enqueue would). Beside it, the same first page's SQL run alone on one open connection: the
/// raw limit the HTTP request can approach.
/// </summary>
internal sealed class FindScenario : IScenario
{
    private static readonly string[] Kinds =
        ["users.import", "enrollments.create", "enrollments.delete", "users.status", "users.delete", "users.export", "jobs.undo"];

    private static readonly string[] Cities = ["lyon", "paris", "nice", "brest", "lille", "nantes", "rennes", "dijon"];

    public string Name => "find";

    /// <summary>One filter: its query string, and its SQL's WHERE and ORDER BY as the stores write them (SQLite, PostgreSQL).</summary>
    private sealed record Filter(string Name, string Query, string SqliteWhere, string PgWhere, bool ByCreation = false);

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var count = sizes.FindJobs;
        var table = new Table($"Finding jobs: each filter's first page with {Format.Count(count)} jobs stored",
            $"{JobsListScenario.Requests} sequential GETs of `/api/jobs?scope=all&…` through the real host's HTTP API, bearer token, after a " +
            "warm-up; raw limit: the same page's SQL alone on one open connection. Target: HTTP p50 ≤ 10 ms.",
            "store", "filter", "query", "p50", "p95", "raw SQL p50", "target");
        var now = DateTimeOffset.UtcNow;
        foreach (var store in sizes.Stores)
        {
            using var data = new Scratch("find");
            var connection = await MigratedDatabase.CreateAsync(store, data);
            await using (var host = await BenchHost.StartAsync(store, connection, data.Path))
            {
                using var http = await BenchHost.SignInAsync(host);
                var loading = Stopwatch.StartNew();
                await LoadAsync(store, connection, count, now);
                Console.Error.WriteLine($"  find: {Format.Count(count)} jobs loaded on {store} in {loading.Elapsed.TotalSeconds:0} s");
                foreach (var f in Filters(count, now))
                {
                    var ms = await JobsListScenario.TimeAsync(http, "/api/jobs?scope=all&limit=50" + f.Query);
                    var raw = await RawAsync(store, connection, f);
                    var p50 = Latencies.Percentile(ms, 50);
                    table.Add(store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL", f.Name, $"`{f.Query.TrimStart('&')}`", Format.Ms(p50),
                        Format.Ms(Latencies.Percentile(ms, 95)), Format.Ms(Latencies.Percentile(raw, 50)), Format.Verdict(p50 <= 10));
                }
            }
            await MigratedDatabase.DropAsync(store, connection);
        }
        return [table];
    }

    /// <summary>Job i of <paramref name="count"/>: created evenly over the two weeks before <paramref name="now"/>, oldest first.</summary>
    private static DateTimeOffset CreatedAt(int i, int count, DateTimeOffset now) => now.AddDays(-14).AddMilliseconds(14 * 86_400_000.0 * i / count);

    private static IEnumerable<Filter> Filters(int count, DateTimeOffset now)
    {
        // A day a week back: an old range, deep under the newest jobs.
        var day = now.AddDays(-7).UtcDateTime.Date;
        var (from, to) = (day.ToString("yyyy-MM-dd"), day.ToString("yyyy-MM-dd"));
        var (dayStart, dayEnd) = (new DateTimeOffset(day), new DateTimeOffset(day).AddDays(1).AddTicks(-1));
        var rareFile = $"staff-{count / 3 * 7 % 100_000:00000}-";
        yield return new("none (newest jobs)", "", "", "");
        yield return new("status, 1 in 100", "&status=failed", "status = 'failed'", "status = 'failed'");
        yield return new("kind, 1 in 7", "&kind=users.export", "kind = 'users.export'", "kind = 'users.export'");
        yield return new("owner, 1 in 1,000", "&owner=admin", "owner_id = 1", "owner_id = 1");
        yield return new("one day, a week back", $"&from={from}&to={to}",
            $"created_at >= {dayStart.ToUnixTimeMilliseconds()} AND created_at <= {dayEnd.ToUnixTimeMilliseconds()}",
            $"created_at >= '{dayStart:O}' AND created_at <= '{dayEnd:O}'", ByCreation: true);
        yield return new("until a week back", $"&to={to}", $"created_at <= {dayEnd.ToUnixTimeMilliseconds()}", $"created_at <= '{dayEnd:O}'", ByCreation: true);
        yield return new("text, common", "&q=lyon", "description LIKE '%lyon%'", "description ILIKE '%lyon%'");
        yield return new("text, one file", $"&q={rareFile}", FtsWhere(rareFile), $"description ILIKE '%{rareFile}%'");
        yield return new("text, nowhere", "&q=payroll", FtsWhere("payroll"), "description ILIKE '%payroll%'");
        yield return new("owner + kind + text + from", $"&owner=admin&kind=users.import&q=paris&from={from}",
            $"owner_id = 1 AND kind = 'users.import' AND description LIKE '%paris%' AND created_at >= {dayStart.ToUnixTimeMilliseconds()}",
            $"owner_id = 1 AND kind = 'users.import' AND description ILIKE '%paris%' AND created_at >= '{dayStart:O}'", ByCreation: true);
    }

    private static string FtsWhere(string text) =>
        $"id IN (SELECT k.job_id FROM job_texts t JOIN job_text_keys k ON k.key = t.rowid WHERE job_texts MATCH '\"{text}\"')";

    /// <summary>The filter's first page as one SQL statement on one open connection, timed like the HTTP requests.</summary>
    private static async Task<double[]> RawAsync(BenchStore store, string connectionString, Filter f)
    {
        var where = store == BenchStore.Sqlite ? f.SqliteWhere : f.PgWhere;
        var sql = $"SELECT * FROM jobs {(where.Length > 0 ? "WHERE " + where : "")} ORDER BY {(f.ByCreation ? "created_at DESC, id DESC" : "id DESC")} LIMIT 51";
        await using System.Data.Common.DbConnection c = store == BenchStore.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        var ms = new double[JobsListScenario.Requests];
        for (var i = -20; i < ms.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var command = c.CreateCommand())
            {
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { }
            }
            if (i >= 0) ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(ms);
        return ms;
    }

    /// <summary>
    /// <paramref name="count"/> jobs, oldest first: owner i % 1,000 + 1 (1 is the admin), kind i % 7 (an import names
    /// one of 100,000 files in one of 8 cities), one in 100 failed, a few unfinished at the newest end.
    /// </summary>
    private static async Task LoadAsync(BenchStore store, string connectionString, int count, DateTimeOffset now)
    {
        var expires = now.AddDays(365);
        (string Kind, string Description, string Status) Job(int i)
        {
            var kind = Kinds[i % Kinds.Length];
            var description = kind == "users.import"
                ? $"Import of staff-{i * 7 % 100_000:00000}-{Cities[i / 7 % Cities.Length]}.csv ({i % 5000 + 1:N0} rows)"
                : $"{kind} of {i % 900 + 1:N0} users";
            var status = i > count - 20 ? "queued" : i % 100 == 0 ? "failed" : i % 37 == 0 ? "aborted" : "completed";
            return (kind, description, status);
        }
        if (store == BenchStore.Postgres)
        {
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync();
            await using (var copy = await c.BeginBinaryImportAsync("""
                COPY jobs (id, kind, description, owner_id, owner_name, status, created_at, total, processed, expires_at, input)
                FROM STDIN (FORMAT BINARY)
                """))
            {
                for (var i = 0; i < count; i++)
                {
                    var (kind, description, status) = Job(i);
                    var created = CreatedAt(i, count, now);
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7(created), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(kind, NpgsqlDbType.Text);
                    await copy.WriteAsync(description, NpgsqlDbType.Text);
                    await copy.WriteAsync((long)(i % 1000 + 1), NpgsqlDbType.Bigint);
                    await copy.WriteAsync(i % 1000 == 0 ? "admin" : $"owner{i % 1000 + 1}", NpgsqlDbType.Text);
                    await copy.WriteAsync(status, NpgsqlDbType.Text);
                    await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(10L, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(10L, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(expires, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("{}", NpgsqlDbType.Text);
                }
                await copy.CompleteAsync();
            }
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE jobs", c);
            await analyze.ExecuteNonQueryAsync();
            return;
        }
        await using var sqlite = new SqliteConnection(connectionString);
        await sqlite.OpenAsync();
        await using (var tx = sqlite.BeginTransaction())
        {
            await using var insert = sqlite.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO jobs (id, kind, description, owner_id, owner_name, status, created_at, total, processed, expires_at, input)
                VALUES ($id, $kind, $description, $owner, $ownerName, $status, $created, 10, 10, $expires, '{}')
                """;
            var p = new[] { "$id", "$kind", "$description", "$owner", "$ownerName", "$status", "$created" }
                .ToDictionary(n => n, n => insert.Parameters.Add(n, n is "$owner" or "$created" ? SqliteType.Integer : SqliteType.Text));
            insert.Parameters.AddWithValue("$expires", expires.ToUnixTimeMilliseconds());
            insert.Prepare();
            for (var i = 0; i < count; i++)
            {
                var (kind, description, status) = Job(i);
                var created = CreatedAt(i, count, now);
                p["$id"].Value = Guid.CreateVersion7(created).ToString();
                p["$kind"].Value = kind;
                p["$description"].Value = description;
                p["$owner"].Value = (long)(i % 1000 + 1);
                p["$ownerName"].Value = i % 1000 == 0 ? "admin" : $"owner{i % 1000 + 1}";
                p["$status"].Value = status;
                p["$created"].Value = created.ToUnixTimeMilliseconds();
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        await using var optimize = sqlite.CreateCommand();
        optimize.CommandText = "INSERT INTO job_texts (job_texts) VALUES ('optimize'); ANALYZE;";
        await optimize.ExecuteNonQueryAsync();
    }
}
