using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Offload.Bench.Harness;
using Offload.Jobs;
using Offload.Jobs.Mail;
using Offload.Jobs.Storage;
using Offload.Storage.Sql;

namespace Offload.Bench.Offload;

/// <summary>
/// One Offload node composed as the host composes it (store, engine, worker pool, retention sweeper,
/// outbox sender, and on PostgreSQL the LISTEN/NOTIFY bridge), plus the probe handler. The product's
/// own classes do the work; the bench only enqueues through <see cref="JobQueue"/> and watches.
/// </summary>
internal sealed class OffloadNode : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IDisposable _finishedSubscription;
    private int _finished;

    private OffloadNode(IHost host, BenchStore store)
    {
        _host = host;
        Store = store;
        Queue = host.Services.GetRequiredService<JobQueue>();
        Probe = host.Services.GetRequiredService<ProbeHandler>();
        _finishedSubscription = host.Services.GetRequiredService<JobEvents>().Subscribe(change =>
        {
            if (change.What == JobChangeKind.Finished && !change.FromOtherNode) Interlocked.Increment(ref _finished);
        });
    }

    public BenchStore Store { get; }

    public JobQueue Queue { get; }

    public ProbeHandler Probe { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Jobs this node has moved to a final state since it was built.</summary>
    public int Finished => Volatile.Read(ref _finished);

    /// <summary>Builds and migrates the node; workers start with <see cref="StartAsync"/>.</summary>
    /// <param name="pooler">Offload:Postgres:Pooler, for a connection string through PgBouncer.</param>
    public static async Task<OffloadNode> CreateAsync(BenchStore store, string connectionString, string dataPath, int workers,
        Action<IServiceCollection>? decorate = null, string? pooler = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<JobsOptions>(o =>
        {
            o.Workers = workers;
            o.DataPath = dataPath;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        store.Driver().AddStores(builder.Services, new StoreLocation(connectionString, dataPath) { Pooler = pooler });
        builder.Services.AddOffloadJobs(runWorkers: true);
        // The host's outbox sender runs where workers run; its idle polling is part of a node's idle cost.
        builder.Services.AddSingleton<IMailTransport, DiscardMail>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddSingleton<ProbeHandler>();
        builder.Services.AddSingleton<IJobHandler>(sp => sp.GetRequiredService<ProbeHandler>());
        decorate?.Invoke(builder.Services);
        var host = builder.Build();
        await host.Services.GetRequiredService<SqlDatabase>().MigrateAsync(default);
        return new OffloadNode(host, store);
    }

    public Task StartAsync() => _host.StartAsync();

    /// <summary>A probe job whose input is its index in the run.</summary>
    public Task<Job> EnqueueProbeAsync(int index) =>
        Queue.EnqueueAsync(new NewJob(JobQueue.NewId(), ProbeHandler.KindName, "probe", 1, "bench", 1,
            index.ToString(CultureInfo.InvariantCulture)), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        _finishedSubscription.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class DiscardMail : IMailTransport
    {
        public Task SendAsync(OutboxMessage message, CancellationToken ct) => Task.CompletedTask;
    }
}
