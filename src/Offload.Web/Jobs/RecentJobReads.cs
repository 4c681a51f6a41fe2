using System.Collections.Concurrent;
using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Web.Jobs;

/// <summary>
/// Shares job reads between event streams: when a job changes, every open page wants its new state at
/// about the same moment, so one database read serves them all for a short while instead of one read
/// per watcher (a thousand watchers of a running import would otherwise cost a thousand reads per event).
/// A change forgets the job's shared read at once, so no stream is ever served a read older than a change
/// it is reporting: a stream's coalescing window starts at the first change of its batch, so its read may
/// come well within <see cref="Freshness"/> of the last one.
/// </summary>
internal sealed class RecentJobReads : IDisposable
{
    /// <summary>How long a read is shared while the job does not change.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset At, Task<Job?> Read)> _reads = new();
    private readonly IJobMonitor _monitor;
    private readonly JobEtas _etas;
    private readonly TimeProvider _clock;
    private readonly IDisposable _changes;

    /// <summary>Subscribes before any stream does (streams resolve this first), so the read is forgotten before they hear of the change.</summary>
    public RecentJobReads(IJobMonitor monitor, JobEtas etas, JobEvents events, TimeProvider clock)
    {
        _monitor = monitor;
        _etas = etas;
        _clock = clock;
        _changes = events.Subscribe(change => _reads.TryRemove(change.JobId, out _));
    }

    public Task<Job?> GetAsync(Guid id, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var entry = _reads.AddOrUpdate(id,
            _ => (now, ReadAsync(id)),
            (_, old) => now - old.At < Freshness && !old.Read.IsFaulted ? old : (now, ReadAsync(id)));
        if (_reads.Count > 10_000) Prune(now);
        return entry.Read.WaitAsync(ct);
    }

    /// <summary>Each fresh read is also a progress sample for the job's time left: watched jobs only, at no extra read.</summary>
    private async Task<Job?> ReadAsync(Guid id)
    {
        var job = await _monitor.GetAsync(new GetJobRequest(id), CancellationToken.None);
        if (job is null) _etas.Forget(id);
        else _etas.Observe(job);
        return job;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, entry) in _reads)
            if (now - entry.At >= Freshness) _reads.TryRemove(id, out _);
    }

    public void Dispose() => _changes.Dispose();
}
