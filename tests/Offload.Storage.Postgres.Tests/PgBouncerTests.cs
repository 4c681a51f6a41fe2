using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Offload.Jobs;
using Offload.Storage.Contract;
using Offload.Storage.Postgres.Jobs;
using Offload.Storage.Sql;
using Offload.Storage.Sql.Jobs;
using Offload.Testing;

namespace Offload.Storage.Postgres.Tests;

// The store suite's claims, leases, chunk commits, aborts, COPY imports and outbox, through PgBouncer in transaction mode.

public sealed class PgBouncerJobStoreTests : JobStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync(throughPgBouncer: true);
}

public sealed class PgBouncerJobEngineTests : JobEngineContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync(throughPgBouncer: true);
}

public sealed class PgBouncerCompletionTests : CompletionContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync(throughPgBouncer: true);
}

public sealed class PgBouncerUserImportTests : UserImportContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync(throughPgBouncer: true);
}

/// <summary>
/// Offload:Postgres:Pooler=transaction: nothing prepared on pooled connections, and job changes cross nodes over a
/// direct LISTEN connection (ConnectionStrings:OffloadListen) or, without one, through the polled feed.
/// </summary>
public sealed class PgBouncerTests : IAsyncLifetime
{
    private PgBouncer _bouncer = null!;
    private string _direct = null!;

    public async Task InitializeAsync()
    {
        _bouncer = await PgBouncer.InstanceAsync();
        _direct = await (await PostgresCluster.InstanceAsync()).CreateDatabaseAsync();
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData(";Max Auto Prepare=20", 20)] // PgBouncer >= 1.21 with max_prepared_statements: the operator's choice
    public async Task Through_a_transaction_pooler_nothing_is_prepared_unless_the_operator_says_so(string setting, int expected)
    {
        await using var db = new PostgresDatabase(_bouncer.Pooled(_direct) + setting, transactionPooler: true);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(db.DataSource.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public void An_unknown_pooler_is_refused_with_the_setting_named()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            new PostgresDriver().AddStores(new ServiceCollection(), new StoreLocation(_direct, "") { Pooler = "statement" }));
        Assert.Contains("Offload:Postgres:Pooler", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Changes_cross_nodes_through_PgBouncer_with_or_without_a_direct_LISTEN_connection(bool directListen)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<JobEvents>().AddSingleton<JobSignal>();
        new PostgresDriver().AddStores(services, new StoreLocation(_bouncer.Pooled(_direct), "")
        {
            Pooler = "transaction",
            ListenConnectionString = directListen ? _direct : null,
        });
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<SqlDatabase>().MigrateAsync(default);
        var relay = provider.GetServices<IHostedService>().OfType<JobChangeRelay>().Single();
        Assert.IsType(directListen ? typeof(PgJobEventsBridge) : typeof(PgJobFeedBridge), relay);
        var events = provider.GetRequiredService<JobEvents>();
        var received = new TaskCompletionSource<JobChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = events.Subscribe(c =>
        {
            if (c.FromOtherNode) received.TrySetResult(c);
        });
        await using var watcher = await WatchAsync(directListen);
        await relay.StartAsync(default);
        try
        {
            await provider.GetRequiredService<JobSignal>().WaitAsync(TimeSpan.FromSeconds(30), default); // pulsed once it listens

            // Another node's new job, announced the way its relay does, reaches this node's page and wakes its workers.
            var theirs = Guid.NewGuid();
            await AnnounceAsync(directListen, $"other-node|created|{theirs:N}|7");
            Assert.Equal(new JobChange(theirs, 7, JobChangeKind.Created, FromOtherNode: true), await received.Task.WaitAsync(TimeSpan.FromSeconds(30)));

            // This node's change goes out the same way, through PgBouncer.
            var ours = Guid.NewGuid();
            events.Publish(new JobChange(ours, 3, JobChangeKind.Progress));
            Assert.EndsWith($"|progress|{ours:N}|3", await watcher.NextAsync(ours).WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            await relay.StopAsync(default);
        }
    }

    private async Task AnnounceAsync(bool notify, string payload)
    {
        await using var c = new NpgsqlConnection(_bouncer.Pooled(_direct));
        await c.OpenAsync();
        await using var send = new NpgsqlCommand(notify
            ? $"SELECT pg_notify('{PostgresDatabase.Channel}', @p)"
            : "INSERT INTO job_change_feed (payload) VALUES (@p)", c);
        send.Parameters.AddWithValue("p", payload);
        await send.ExecuteNonQueryAsync();
    }

    /// <summary>What the node sends: a LISTEN of the test's own, or the feed's rows.</summary>
    private async Task<Watcher> WatchAsync(bool listen)
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_direct) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        var watcher = new Watcher(c, listen);
        if (listen)
        {
            c.Notification += (_, e) => watcher.Notified(e.Payload);
            await using var l = new NpgsqlCommand($"LISTEN {PostgresDatabase.Channel}", c);
            await l.ExecuteNonQueryAsync();
        }
        return watcher;
    }

    private sealed class Watcher(NpgsqlConnection connection, bool listen) : IAsyncDisposable
    {
        private readonly List<string> _notified = [];

        public void Notified(string payload)
        {
            lock (_notified) _notified.Add(payload);
        }

        public async Task<string> NextAsync(Guid job)
        {
            while (true)
            {
                if (listen) await connection.WaitAsync(TimeSpan.FromMilliseconds(100));
                else
                {
                    await using var read = new NpgsqlCommand("SELECT payload FROM job_change_feed", connection);
                    await using var reader = await read.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) Notified(reader.GetString(0));
                    await Task.Delay(50);
                }
                lock (_notified)
                    if (_notified.FirstOrDefault(p => p.Contains(job.ToString("N"), StringComparison.Ordinal)) is { } found) return found;
            }
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    public Task DisposeAsync() => PostgresCluster.InstanceAsync().ContinueWith(c => c.Result.DropDatabaseAsync(_direct)).Unwrap();
}
