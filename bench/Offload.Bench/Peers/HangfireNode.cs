using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Offload.Bench.Peers;

/// <summary>A Hangfire server and client on their own database of the shared PostgreSQL cluster.</summary>
internal sealed class HangfireNode : IDisposable
{
    private readonly PostgreSqlStorage _storage;
    private readonly BackgroundJobClient _client;
    private readonly HangfireSetup _setup;
    private BackgroundJobServer? _server;

    public HangfireNode(string connectionString, HangfireSetup setup)
    {
        _setup = setup;
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true };
        if (setup != HangfireSetup.Default)
        {
            options.QueuePollInterval = TimeSpan.FromMilliseconds(50);
            options.UseSlidingInvisibilityTimeout = true;
            options.EnableLongPolling = setup == HangfireSetup.TunedLongPolling;
        }
        _storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        _client = new BackgroundJobClient(_storage);
        HangfireProbe.Reset();
    }

    public void Enqueue(int index) => _client.Enqueue(() => HangfireProbe.Run(index));

    /// <summary>Starts the server; returns its worker count.</summary>
    public int Start()
    {
        var options = new BackgroundJobServerOptions();
        if (_setup != HangfireSetup.Default) options.WorkerCount = 20;
        _server = new BackgroundJobServer(options, _storage);
        return options.WorkerCount;
    }

    public void Dispose()
    {
        if (_server is null) return;
        _server.SendStop();
        // A hung long-polling worker may never stop: give it a moment, then let the process move on.
        Task.Run(() => _server.Dispose()).Wait(TimeSpan.FromSeconds(10));
    }
}
