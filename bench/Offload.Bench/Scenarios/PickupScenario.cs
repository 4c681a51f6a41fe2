using Npgsql;
using Offload.Bench.Harness;
using Offload.Bench.Offload;
using Offload.Bench.Peers;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Enqueue → handler start, jobs arriving at a steady rate from a producer in the worker's process.
/// The floor is PostgreSQL's own NOTIFY → LISTEN hop.
/// </summary>
internal sealed class PickupScenario : IScenario
{
    public string Name => "pickup";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var table = new Table("Pickup latency: enqueue → handler start",
            $"One producer in the workers' process at a steady rate; Offload {Format.Count(sizes.PickupJobs)} jobs at {Format.Rate(sizes.PickupRate)}, " +
            $"Hangfire {Format.Count(sizes.PeerPickupJobs)} at {Format.Rate(sizes.PeerPickupRate)} (the same rate, fewer jobs to keep the run short). Target: p50 ≤ 2 ms, p99 ≤ 20 ms.",
            "system", "jobs", "p50", "p90", "p99", "max", "target");
        foreach (var store in sizes.Stores)
            await MeasureOffloadAsync(store, sizes, table);
        foreach (var setup in new[] { HangfireSetup.Default, HangfireSetup.Tuned })
            await MeasureHangfireAsync(setup, sizes, table);
        await MeasureNotifyAsync(sizes, table);
        return [table];
    }

    private static async Task MeasureOffloadAsync(BenchStore store, BenchSizes sizes, Table table)
    {
        using var scratch = new Scratch("pickup");
        var connection = store == BenchStore.Sqlite
            ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(scratch.File("offload.db"))
            : await BenchPostgres.CreateDatabaseAsync("bench_pickup");
        await using (var node = await OffloadNode.CreateAsync(store, connection, scratch.Path, workers: 4))
        {
            await node.StartAsync();
            // Warm-up: JIT, connection pools, SQLite page cache.
            var warm = new Latencies(100);
            node.Probe.Latencies = warm;
            for (var i = 0; i < warm.Count; i++) await node.EnqueueProbeAsync(i);
            await warm.WaitAllStartedAsync(sizes.Limit);

            var latencies = new Latencies(sizes.PickupJobs);
            node.Probe.Latencies = latencies;
            await Pacer.RunAsync(latencies.Count, sizes.PickupRate, async i =>
            {
                latencies.MarkEnqueued(i);
                await node.EnqueueProbeAsync(i);
            });
            await latencies.WaitAllStartedAsync(sizes.Limit);
            AddRow(table, store.Label(), latencies, checkTarget: true);
        }
        if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connection);
    }

    private static async Task MeasureHangfireAsync(HangfireSetup setup, BenchSizes sizes, Table table)
    {
        var connection = await BenchPostgres.CreateDatabaseAsync("bench_hf_pickup");
        using (var node = new HangfireNode(connection, setup))
        {
            node.Start();
            var warm = new Latencies(20);
            HangfireProbe.Latencies = warm;
            for (var i = 0; i < warm.Count; i++) node.Enqueue(i);
            await warm.WaitAllStartedAsync(TimeSpan.FromSeconds(30));

            var latencies = new Latencies(sizes.PeerPickupJobs);
            HangfireProbe.Latencies = latencies;
            await Pacer.RunAsync(latencies.Count, sizes.PeerPickupRate, i =>
            {
                latencies.MarkEnqueued(i);
                node.Enqueue(i);
                return Task.CompletedTask;
            });
            await latencies.WaitAllStartedAsync(sizes.Limit);
            HangfireProbe.Latencies = null;
            AddRow(table, setup.Label(), latencies, checkTarget: false);
        }
        await BenchPostgres.DropDatabaseAsync(connection);
    }

    /// <summary>The floor on PostgreSQL: a NOTIFY from one connection reaching a LISTEN on another.</summary>
    private static async Task MeasureNotifyAsync(BenchSizes sizes, Table table)
    {
        var connection = await BenchPostgres.CreateDatabaseAsync("bench_notify");
        var latencies = new Latencies(sizes.PeerPickupJobs);
        await using (var listener = new NpgsqlConnection(connection))
        await using (var producer = new NpgsqlConnection(connection))
        {
            await listener.OpenAsync();
            await producer.OpenAsync();
            listener.Notification += (_, e) => latencies.MarkStarted(int.Parse(e.Payload, System.Globalization.CultureInfo.InvariantCulture));
            await using (var listen = new NpgsqlCommand("LISTEN bench", listener)) await listen.ExecuteNonQueryAsync();
            using var stop = new CancellationTokenSource();
            var wait = Task.Run(async () =>
            {
                try { while (true) await listener.WaitAsync(stop.Token); }
                catch (OperationCanceledException) { }
            });
            await using var notify = new NpgsqlCommand("SELECT pg_notify('bench', @p)", producer);
            var payload = new NpgsqlParameter<string>("p", "");
            notify.Parameters.Add(payload);
            await Pacer.RunAsync(latencies.Count, sizes.PickupRate, async i =>
            {
                latencies.MarkEnqueued(i);
                payload.TypedValue = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await notify.ExecuteNonQueryAsync();
            });
            await latencies.WaitAllStartedAsync(TimeSpan.FromSeconds(10));
            await stop.CancelAsync();
            await wait;
        }
        AddRow(table, "raw limit: PostgreSQL NOTIFY → LISTEN", latencies, checkTarget: false);
        await BenchPostgres.DropDatabaseAsync(connection);
    }

    private static void AddRow(Table table, string system, Latencies latencies, bool checkTarget)
    {
        var ms = latencies.SortedMs();
        var p50 = Latencies.Percentile(ms, 50);
        var p99 = Latencies.Percentile(ms, 99);
        var missing = latencies.Count - latencies.Started;
        table.Add(system, Format.Count(latencies.Started) + (missing > 0 ? $" ({Format.Count(missing)} never started)" : ""),
            Format.Ms(p50), Format.Ms(Latencies.Percentile(ms, 90)), Format.Ms(p99), Format.Ms(ms.Length > 0 ? ms[^1] : double.NaN),
            checkTarget ? Format.Verdict(missing == 0 && p50 <= 2 && p99 <= 20) : "");
    }
}
