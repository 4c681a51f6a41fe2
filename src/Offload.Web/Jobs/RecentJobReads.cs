using System.Collections.Concurrent;
using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Web.Jobs;

/// <summary>
/// Shares job reads between event streams: when a job changes, every open page wants its new state at
/// about the same moment, so one database read serves them all for a short while instead of one read
/// per watcher (a thousand watchers of a running import would otherwise cost a thousand reads per event).
/// </summary>
internal sealed class RecentJobReads(IJobMonitor monitor, TimeProvider clock)
{
    /// <summary>Shorter than the streams' coalescing window, so a later change is never hidden by an older read.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset At, Task<Job?> Read)> _reads = new();

    public Task<Job?> GetAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entry = _reads.AddOrUpdate(id,
            _ => (now, monitor.GetAsync(new GetJobRequest(id), CancellationToken.None)),
            (_, old) => now - old.At < Freshness && !old.Read.IsFaulted ? old : (now, monitor.GetAsync(new GetJobRequest(id), CancellationToken.None)));
        if (_reads.Count > 10_000) Prune(now);
        return entry.Read.WaitAsync(ct);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, entry) in _reads)
            if (now - entry.At >= Freshness) _reads.TryRemove(id, out _);
    }
}
