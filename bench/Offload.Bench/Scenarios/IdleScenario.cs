using Offload.Bench.Harness;
using Offload.Bench.Offload;
using Offload.Bench.Peers;
using Offload.Jobs.Storage;

namespace Offload.Bench.Scenarios;

/// <summary>
/// What an idle node costs the database: queries per second and open connections, with a small and a
/// large worker pool. On PostgreSQL every SQL command the process sends through Npgsql is counted
/// (the same meter for Hangfire); SQLite has no server, so there the engine's store calls are counted
/// and connections are the process's open handles on the database file.
/// </summary>
internal sealed class IdleScenario : IScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public string Name => "idle";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var table = new Table("Idle cost per node",
            $"After {Settle.TotalSeconds:0} s to settle, {sizes.IdleWindow.TotalSeconds:0} s with no jobs. Target: ≤ 1 query/s per idle node; connections that do not grow with the worker count " +
            "(±1 is start-up timing: which of the first claim, retention sweep and outbox pass overlapped).",
            "system", "workers", "queries/s", "connections", "target");
        foreach (var store in sizes.Stores)
        {
            var connections = new List<long>();
            foreach (var workers in new[] { 4, 32 })
            {
                var (perSecond, open) = await MeasureOffloadAsync(store, workers, sizes.IdleWindow);
                connections.Add(open);
                table.Add(store.Label(), workers.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Number(perSecond, "0.00"),
                    open.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Format.Verdict(perSecond <= 1 && open <= connections[0] + 1));
            }
        }
        foreach (var setup in new[] { HangfireSetup.Default, HangfireSetup.Tuned })
        {
            var (perSecond, open, workers) = await MeasureHangfireAsync(setup, sizes.IdleWindow);
            table.Add(setup.Label(), workers.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Number(perSecond, "0.00"),
                open.ToString(System.Globalization.CultureInfo.InvariantCulture), "");
        }
        return [table];
    }

    private static async Task<(double PerSecond, long Connections)> MeasureOffloadAsync(BenchStore store, int workers, TimeSpan window)
    {
        using var scratch = new Scratch("idle");
        var dbFile = scratch.File("offload.db");
        var connection = store == BenchStore.Sqlite
            ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(dbFile)
            : await BenchPostgres.CreateDatabaseAsync("bench_idle");
        var meter = new StoreCallMeter();
        using var commands = new NpgsqlCommandCounter();
        double perSecond;
        long open;
        await using (var node = await OffloadNode.CreateAsync(store, connection, scratch.Path, workers, services =>
        {
            meter.Meter<IJobStore>(services);
            meter.Meter<IJobMonitor>(services);
            meter.Meter<IJobRetentionStore>(services);
            meter.Meter<IOutboxStore>(services);
        }))
        {
            await node.StartAsync();
            await Task.Delay(Settle);
            long Count() => store == BenchStore.Sqlite ? meter.Calls : commands.Count;
            var before = Count();
            await Task.Delay(window);
            perSecond = (Count() - before) / window.TotalSeconds;
            open = store == BenchStore.Sqlite ? OpenHandles(dbFile) : await BenchPostgres.ConnectionsAsync(connection);
        }
        if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connection);
        return (perSecond, open);
    }

    private static async Task<(double PerSecond, long Connections, int Workers)> MeasureHangfireAsync(HangfireSetup setup, TimeSpan window)
    {
        var connection = await BenchPostgres.CreateDatabaseAsync("bench_hf_idle");
        using var commands = new NpgsqlCommandCounter();
        double perSecond;
        long open;
        int workers;
        using (var node = new HangfireNode(connection, setup))
        {
            workers = node.Start();
            await Task.Delay(Settle);
            var before = commands.Count;
            await Task.Delay(window);
            perSecond = (commands.Count - before) / window.TotalSeconds;
            open = await BenchPostgres.ConnectionsAsync(connection);
        }
        await BenchPostgres.DropDatabaseAsync(connection);
        return (perSecond, open, workers);
    }

    /// <summary>This process's open handles on the SQLite file (each pooled connection holds one).</summary>
    private static long OpenHandles(string file) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget is { } target && target == file);
}
