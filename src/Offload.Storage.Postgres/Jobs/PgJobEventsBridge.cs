using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Offload.Jobs;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>
/// Carries job changes between nodes with LISTEN/NOTIFY on one listener connection per process: this
/// node's changes go out as NOTIFY; other nodes' come in as local <see cref="JobEvents"/> (live pages)
/// and, for new jobs, as a worker wake-up — so a job created on a web node starts on a worker node
/// without waiting for a poll. Best effort by design: the workers' poll catches anything missed.
/// </summary>
public sealed class PgJobEventsBridge(PostgresDatabase db, JobEvents events, JobSignal signal, ILogger<PgJobEventsBridge> logger)
    : BackgroundService
{
    private readonly Channel<JobChange> _outgoing = Channel.CreateBounded<JobChange>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly string _node = WorkerPool.NodeId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(change =>
        {
            if (!change.FromOtherNode) _outgoing.Writer.TryWrite(change);
        });
        await Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.OpenListenerAsync(ct);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDatabase.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                signal.Pulse(); // whatever was announced while we were not listening: look for it
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Lost the LISTEN connection; reconnecting");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends what queued up in one round trip; progress of one job is coalesced to its latest.</summary>
    private async Task SendAsync(CancellationToken ct)
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(ct)) await SendBatchAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task SendBatchAsync(CancellationToken ct)
    {
        var batch = new Dictionary<(Guid, JobChangeKind), JobChange>();
        while (batch.Count < 500 && _outgoing.Reader.TryRead(out var change)) batch[(change.JobId, change.What)] = change;
        try
        {
            await using var connection = await db.OpenAsync(ct);
            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{PostgresDatabase.Channel}', p) FROM unnest(@payloads) p", connection);
            notify.Parameters.AddWithValue("payloads", batch.Values.Select(Payload).ToArray());
            await notify.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not announce {Count} job changes to other nodes", batch.Count);
        }
    }

    private string Payload(JobChange c) =>
        string.Join('|', _node, c.What.ToString().ToLowerInvariant(), c.JobId.ToString("N"), c.OwnerId.ToString(CultureInfo.InvariantCulture));

    private void Receive(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length != 4 || parts[0] == _node) return;
        if (!Enum.TryParse<JobChangeKind>(parts[1], ignoreCase: true, out var what) || !Enum.IsDefined(what)
            || !Guid.TryParseExact(parts[2], "N", out var jobId) || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var owner)) return;
        if (what == JobChangeKind.Created) signal.Pulse();
        events.Publish(new JobChange(jobId, owner, what, FromOtherNode: true));
    }
}
