using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Offload.Jobs;

namespace Offload.Storage.Sql.Jobs;

/// <summary>
/// Carries job changes between nodes over a database that can notify: this node's changes go out, coalesced,
/// as text payloads; other nodes' come in as local <see cref="JobEvents"/> (live pages) and, for new jobs, as a
/// worker wake-up — so a job created on a web node starts on a worker node without waiting for a poll. Best
/// effort by design: the workers' poll catches anything missed. How payloads travel is the driver's.
/// </summary>
public abstract class JobChangeRelay(JobEvents events, JobSignal signal, ILogger logger) : BackgroundService
{
    private readonly Channel<JobChange> _outgoing = Channel.CreateBounded<JobChange>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly string _node = WorkerPool.NodeId;

    /// <summary>Listens until <paramref name="ct"/> ends, passing each payload to <see cref="Receive"/>; reconnects on its own.</summary>
    protected abstract Task ListenAsync(CancellationToken ct);

    /// <summary>Sends payloads to every node, in one round trip.</summary>
    protected abstract Task NotifyAsync(string[] payloads, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(change =>
        {
            if (!change.FromOtherNode) _outgoing.Writer.TryWrite(change);
        });
        await Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));
    }

    /// <summary>
    /// Runs <paramref name="session"/> (listening until it fails) until <paramref name="ct"/> ends, again a second after each
    /// failure, which is logged with <paramref name="lost"/>.
    /// </summary>
    protected async Task KeepListeningAsync(Func<CancellationToken, Task> session, string lost, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await session(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "{Lost}", lost);
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

    /// <summary>Called once listening: whatever was announced while this node was not listening, the workers look for.</summary>
    protected void Listening() => signal.Pulse();

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
            await NotifyAsync([.. batch.Values.Select(Payload)], ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not announce {Count} job changes to other nodes", batch.Count);
        }
    }

    /// <summary>node|kind|job id|owner id, the kind in lower case ("created"): the text every node's version reads.</summary>
    private string Payload(JobChange c) =>
        string.Join('|', _node, c.What.ToString().ToLowerInvariant(), c.JobId.ToString("N"), c.OwnerId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Another node's change: published here, and a new or resumed job wakes a worker. This node's own and unreadable ones are dropped.</summary>
    protected void Receive(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length != 4 || parts[0] == _node) return;
        if (!Enum.TryParse<JobChangeKind>(parts[1], ignoreCase: true, out var what) || !Enum.IsDefined(what)
            || !Guid.TryParseExact(parts[2], "N", out var jobId) || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var owner)) return;
        if (what is JobChangeKind.Created or JobChangeKind.Resumed) signal.Pulse();
        events.Publish(new JobChange(jobId, owner, what, FromOtherNode: true));
    }
}
