using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Offload.Bench.Harness;
using Offload.Bench.Offload;
using Offload.Bench.Peers;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Tiny-job throughput: a backlog of no-op jobs is enqueued with the workers stopped, then the clock
/// runs from starting the workers until the last job is finished. The raw limit is the same backlog
/// drained by the smallest possible queue: one claim-and-delete statement per job.
/// </summary>
internal sealed class ThroughputScenario : IScenario
{
    private const int OffloadWorkers = 8;
    private const int Producers = 4;

    public string Name => "throughput";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var table = new Table("Tiny-job throughput",
            $"Backlog of no-op jobs drained from a cold start of the workers; Offload {Format.Count(sizes.ThroughputJobs)} jobs " +
            $"({OffloadWorkers} workers), Hangfire {Format.Count(sizes.PeerThroughputJobs)}. Target: Offload ≥ 10× Hangfire.PostgreSql tuned.",
            "system", "jobs", "time", "jobs/s", "× Hangfire tuned");
        var rows = new List<(string System, int Jobs, TimeSpan Time, string Note)>();
        foreach (var store in sizes.Stores)
            rows.Add(await MeasureOffloadAsync(store, sizes));
        foreach (var setup in new[] { HangfireSetup.Default, HangfireSetup.Tuned, HangfireSetup.TunedLongPolling })
            rows.Add(await MeasureHangfireAsync(setup, sizes));
        rows.Add(await MeasureRawPostgresAsync(sizes));
        rows.Add(await MeasureRawSqliteAsync(sizes));

        var tuned = rows.First(r => r.System == HangfireSetup.Tuned.Label());
        var tunedRate = tuned.Jobs / tuned.Time.TotalSeconds;
        foreach (var (system, jobs, time, note) in rows)
        {
            var rate = jobs / time.TotalSeconds;
            table.Add(system, Format.Count(jobs) + note, Format.Ms(time.TotalMilliseconds), Format.Rate(rate),
                system.StartsWith("Offload", StringComparison.Ordinal) ? $"{Format.Ratio(rate / tunedRate)} ({Format.Verdict(rate >= 10 * tunedRate)})" : Format.Ratio(rate / tunedRate));
        }
        return [table];
    }

    private static async Task<(string, int, TimeSpan, string)> MeasureOffloadAsync(BenchStore store, BenchSizes sizes)
    {
        using var scratch = new Scratch("throughput");
        var connection = store == BenchStore.Sqlite
            ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(scratch.File("offload.db"))
            : await BenchPostgres.CreateDatabaseAsync("bench_throughput");
        TimeSpan time;
        int done;
        await using (var node = await OffloadNode.CreateAsync(store, connection, scratch.Path, OffloadWorkers))
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Producers).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < sizes.ThroughputJobs) await node.EnqueueProbeAsync(i);
            }));
            var clock = Stopwatch.StartNew();
            await node.StartAsync();
            while (node.Finished < sizes.ThroughputJobs && clock.Elapsed < sizes.Limit) await Task.Delay(2);
            time = clock.Elapsed;
            done = node.Finished;
        }
        if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connection);
        return (store.Label(), done, time, Stuck(done, sizes.ThroughputJobs));
    }

    private static async Task<(string, int, TimeSpan, string)> MeasureHangfireAsync(HangfireSetup setup, BenchSizes sizes)
    {
        var connection = await BenchPostgres.CreateDatabaseAsync("bench_hf_throughput");
        TimeSpan time;
        int done;
        using (var node = new HangfireNode(connection, setup))
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Producers).Select(_ => Task.Run(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < sizes.PeerThroughputJobs) node.Enqueue(i);
            })));
            // Long polling is known to hang here (PEERS.md): it gets half the limit, and what it finished is reported.
            var limit = setup == HangfireSetup.TunedLongPolling ? sizes.Limit / 2 : sizes.Limit;
            var clock = Stopwatch.StartNew();
            node.Start();
            while (HangfireProbe.Completed < sizes.PeerThroughputJobs && clock.Elapsed < limit) await Task.Delay(2);
            time = clock.Elapsed;
            done = HangfireProbe.Completed;
        }
        await BenchPostgres.DropDatabaseAsync(connection);
        return (setup.Label(), done, time, Stuck(done, sizes.PeerThroughputJobs));
    }

    /// <summary>The smallest queue PostgreSQL can run: SKIP LOCKED claim-and-delete, one statement per job.</summary>
    private static async Task<(string, int, TimeSpan, string)> MeasureRawPostgresAsync(BenchSizes sizes)
    {
        var connection = await BenchPostgres.CreateDatabaseAsync("bench_raw_queue");
        await using var data = NpgsqlDataSource.Create(connection);
        await using (var setup = data.CreateCommand(
            "CREATE TABLE q (id bigserial PRIMARY KEY, payload int NOT NULL); INSERT INTO q (payload) SELECT g FROM generate_series(1, @n) g"))
        {
            setup.Parameters.AddWithValue("n", sizes.ThroughputJobs);
            await setup.ExecuteNonQueryAsync();
        }
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, OffloadWorkers).Select(async _ =>
        {
            await using var c = await data.OpenConnectionAsync();
            await using var take = new NpgsqlCommand(
                "DELETE FROM q WHERE id = (SELECT id FROM q ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id", c);
            while (await take.ExecuteScalarAsync() is not null) Interlocked.Increment(ref done);
        }));
        var time = clock.Elapsed;
        await BenchPostgres.DropDatabaseAsync(connection);
        return ("raw limit: PostgreSQL, 1 SKIP LOCKED delete per job", done, time, "");
    }

    /// <summary>The same on SQLite: one writer, one claim-and-delete transaction per job, WAL, synchronous=NORMAL.</summary>
    private static async Task<(string, int, TimeSpan, string)> MeasureRawSqliteAsync(BenchSizes sizes)
    {
        using var scratch = new Scratch("raw-queue");
        int done = 0;
        TimeSpan time;
        await using (var c = new SqliteConnection($"Data Source={scratch.File("q.db")};Pooling=False"))
        {
            await c.OpenAsync();
            await using (var setup = c.CreateCommand())
            {
                setup.CommandText = """
                    PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                    CREATE TABLE q (id INTEGER PRIMARY KEY, payload INTEGER NOT NULL);
                    WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < @n) INSERT INTO q (payload) SELECT n FROM g;
                    """;
                setup.Parameters.AddWithValue("@n", sizes.ThroughputJobs);
                await setup.ExecuteNonQueryAsync();
            }
            await using var take = c.CreateCommand();
            take.CommandText = "DELETE FROM q WHERE id = (SELECT min(id) FROM q) RETURNING id";
            var clock = Stopwatch.StartNew();
            while (await take.ExecuteScalarAsync() is not null) done++;
            time = clock.Elapsed;
        }
        SqliteConnection.ClearAllPools();
        return ("raw limit: SQLite, 1 delete transaction per job", done, time, "");
    }

    private static string Stuck(int done, int expected) =>
        done < expected ? $" of {Format.Count(expected)} (stopped at the time limit)" : "";
}
