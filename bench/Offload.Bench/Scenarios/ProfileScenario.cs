using System.Diagnostics;
using Offload.Bench.Harness;
using Offload.Bench.Offload;
using Offload.Jobs.Storage;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Not in the default set: where a tiny job's time goes, per store call, on both stores — the first
/// thing to look at when the throughput or pickup targets are missed.
/// </summary>
internal sealed class ProfileScenario : IScenario
{
    public string Name => "profile";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        foreach (var store in sizes.Stores)
        {
            using var scratch = new Scratch("profile");
            var connection = store == BenchStore.Sqlite
                ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(scratch.File("offload.db"))
                : await BenchPostgres.CreateDatabaseAsync("bench_profile");
            var meter = new StoreCallMeter();
            await using var node = await OffloadNode.CreateAsync(store, connection, scratch.Path, 8, services =>
            {
                meter.Meter<IJobStore>(services);
                meter.Meter<IJobMonitor>(services);
                meter.Meter<IJobRetentionStore>(services);
                meter.Meter<IOutboxStore>(services);
            });
            var jobs = sizes.ThroughputJobs / 4;
            for (var i = 0; i < jobs; i++) await node.EnqueueProbeAsync(i);
            var clock = Stopwatch.StartNew();
            await node.StartAsync();
            while (node.Finished < jobs && clock.Elapsed < sizes.Limit) await Task.Delay(2);
            Console.WriteLine($"{store.Label()}: {node.Finished} jobs in {clock.Elapsed.TotalMilliseconds:0} ms");
            Console.WriteLine(meter.Report());
        }
        return [];
    }
}
