using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Users;
using Offload.Storage.Contract;
using Offload.Storage.Postgres.Jobs;
using Offload.Storage.Sql;
using Offload.Testing;

namespace Offload.Storage.Postgres.Tests;

/// <summary>
/// The network fails right after a chunk's COMMIT was sent: the server commits, the worker never hears so and,
/// the error being transient, runs the chunk again from the checkpoint it knew. The engine runs on a real
/// database through a proxy that loses that one answer; every item must still be applied exactly once.
/// </summary>
public sealed class PgLostCommitReplyTests : IAsyncLifetime
{
    /// <summary>Text only a chunk commit's batch carries (its guard's refusal), before and after the compare-and-set.</summary>
    private const string ChunkCommitMarker = "offload_lease_lost()";

    private PostgresCluster _cluster = null!;
    private string _connectionString = null!;
    private CuttingTcpProxy _proxy = null!;
    private PostgresDatabase _db = null!;
    private ServiceProvider _services = null!;
    private TestUsersHandler _handler = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.InstanceAsync();
        _connectionString = await _cluster.CreateDatabaseAsync();
        _proxy = new CuttingTcpProxy("127.0.0.1", _cluster.Port);
        // No prepared statements on the proxied connections: the proxy recognises a chunk commit by its SQL text,
        // which a prepared statement no longer sends. The guard is the same SQL either way.
        var proxied = new NpgsqlConnectionStringBuilder(_connectionString) { Port = _proxy.Port, MaxAutoPrepare = 0 }.ConnectionString;
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        new PostgresDriver().AddStores(services, new StoreLocation(proxied, ""));
        services.Configure<JobsOptions>(o =>
        {
            o.Workers = 1;
            o.RetryBackoff = TimeSpan.FromMilliseconds(10);
            o.DataPath = Path.Combine(Path.GetTempPath(), "offload-lost-commit-" + Guid.NewGuid().ToString("N"));
        });
        services.AddOffloadJobs(runWorkers: true);
        services.AddSingleton<TestUsersHandler>();
        services.AddSingleton<IJobHandler>(sp => sp.GetRequiredService<TestUsersHandler>());
        _services = services.BuildServiceProvider();
        _db = _services.GetRequiredService<PostgresDatabase>();
        await _db.MigrateAsync(default);
        _handler = _services.GetRequiredService<TestUsersHandler>();
    }

    [Theory]
    [InlineData(0)] // the first chunk
    [InlineData(2)] // one in the middle
    public async Task A_chunk_whose_commit_answer_was_lost_is_applied_exactly_once(int chunksBefore)
    {
        // 50 items in chunks of 10; every 7th item is refused with an error row, so a replay would show twice.
        _handler.Script["lost"] = new HandlerScript { ChunkSize = 10, ErrorEvery = 7 };
        _proxy.LoseAnswerTo(ChunkCommitMarker, skip: chunksBefore);
        foreach (var hosted in _services.GetServices<IHostedService>()) await hosted.StartAsync(default);
        var job = await _services.GetRequiredService<JobQueue>().EnqueueAsync(
            new NewJob(JobQueue.NewId(), TestUsersHandler.KindName, "lost", 1, "admin", 50, "lost"), default);

        var done = await WaitForFinishAsync(job.Id);

        Assert.Equal(1, _proxy.Cuts);
        Assert.Equal((JobStatus.Completed, 50L, 7L, 1), (done.Status, done.Processed, done.ErrorCount, done.Attempt));
        var errors = new List<ItemError>();
        await foreach (var e in _services.GetRequiredService<IJobMonitor>().ReadErrorsAsync(new ReadErrorsRequest(job.Id), default)) errors.Add(e);
        Assert.Equal([7L, 14, 21, 28, 35, 42, 49], errors.Select(e => e.Row));
        Assert.All(errors, e => Assert.Equal("refused by the script", e.Message));
        var users = _services.GetRequiredService<IUserStore>();
        for (var n = 0; n < 50; n++)
        {
            var user = await users.FindByUsernameAsync(new FindUserRequest($"lost-u{n}"), default);
            Assert.True((n + 1) % 7 == 0 ? user is null : user is not null, $"item {n + 1}");
        }
        Assert.Equal(43, await users.CountAsync(new CountUsersRequest(), default));
    }

    private async Task<Job> WaitForFinishAsync(Guid id)
    {
        var monitor = _services.GetRequiredService<IJobMonitor>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var job = await monitor.GetAsync(new GetJobRequest(id), default);
            if (job is not null && job.Status.IsFinished()) return job;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Job {id} is still {job?.Status} at {job?.Processed}/{job?.Total}.");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var hosted in _services.GetServices<IHostedService>()) await hosted.StopAsync(default);
        await _services.DisposeAsync();
        await _proxy.DisposeAsync();
        await _cluster.DropDatabaseAsync(_connectionString);
    }
}
