using System.Collections.Concurrent;
using Offload.Jobs;

namespace Offload.Web.Jobs;

/// <summary>
/// A running job's time left, from its recent rate rather than its average since start (an import that sped up or
/// slowed down half-way would otherwise be mis-told for the rest of its run). Learns only from the reads this node
/// already makes — the one shared read per change for every open stream (<see cref="RecentJobReads"/>) and the
/// job's own GETs — so a job nobody watches costs nothing; samples older than <see cref="Keep"/> are dropped and
/// finished jobs forgotten.
/// </summary>
internal sealed class JobEtas(TimeProvider clock)
{
    /// <summary>The rate is measured over the samples of this last stretch.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    /// <summary>No time left is told before the samples span this much: two reads a moment apart say nothing.</summary>
    public static readonly TimeSpan MinSpan = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Keep = TimeSpan.FromSeconds(60);
    /// <summary>How fast the told rate follows the measured one: a burst moves the estimate, it does not throw it about.</summary>
    private static readonly TimeSpan Smoothing = TimeSpan.FromSeconds(10);
    /// <summary>Reads closer together than this add no sample (every stream's read of one change comes at once).</summary>
    private static readonly TimeSpan MinGap = TimeSpan.FromMilliseconds(500);
    /// <summary>Beyond this the estimate means "stalled", which a blank says better.</summary>
    private static readonly TimeSpan MaxEta = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<Guid, Track> _tracks = new();
    private DateTimeOffset _pruned = DateTimeOffset.MinValue;

    /// <summary>Notes a read of the job; a job no longer running is forgotten.</summary>
    public void Observe(Job job)
    {
        if (job.Status != JobStatus.Running)
        {
            _tracks.TryRemove(job.Id, out _);
            return;
        }
        var now = clock.GetUtcNow();
        _tracks.GetOrAdd(job.Id, _ => new Track()).Add(now, job.Processed);
        if (now - _pruned > Keep) Prune(now);
    }

    public void Forget(Guid id) => _tracks.TryRemove(id, out _);

    /// <summary>Whole seconds left for a running job at its recent rate; null while that rate is unknown or nil.</summary>
    public long? EtaSeconds(Job job)
    {
        if (job.Status != JobStatus.Running || !_tracks.TryGetValue(job.Id, out var track) || track.Rate is not { } rate || rate <= 0) return null;
        var seconds = Math.Max(0, job.Total - job.Processed) / rate;
        return seconds > MaxEta.TotalSeconds ? null : (long)Math.Ceiling(seconds);
    }

    private void Prune(DateTimeOffset now)
    {
        _pruned = now;
        foreach (var (id, track) in _tracks)
            if (now - track.LastAt > Keep) _tracks.TryRemove(id, out _);
    }

    /// <summary>One job's samples (time, processed), oldest first, and its smoothed rate in items per second.</summary>
    private sealed class Track
    {
        private readonly Lock _gate = new();
        private readonly Queue<(DateTimeOffset At, long Processed)> _samples = new();
        private double? _rate;
        private DateTimeOffset _rateAt;
        private long _lastProcessed;

        public DateTimeOffset LastAt { get; private set; }

        public double? Rate
        {
            get { lock (_gate) return _rate; }
        }

        public void Add(DateTimeOffset now, long processed)
        {
            lock (_gate)
            {
                while (_samples.TryPeek(out var oldest) && now - oldest.At > Keep) _samples.Dequeue();
                // An older read finishing late, or a second read of the same moment, teaches nothing.
                if (_samples.Count > 0 && (processed < _lastProcessed || now - LastAt < MinGap)) return;
                _samples.Enqueue((now, processed));
                (LastAt, _lastProcessed) = (now, processed);
                var from = _samples.First(s => now - s.At <= Window);
                var span = (now - from.At).TotalSeconds;
                if (span < MinSpan.TotalSeconds) return;
                var measured = (processed - from.Processed) / span;
                if (measured <= 0)
                {
                    // Stalled for a whole window (a long chunk, a database restart): no estimate, and a fresh start after.
                    _rate = null;
                    return;
                }
                var weight = _rate is null ? 1 : 1 - Math.Exp(-(now - _rateAt).TotalSeconds / Smoothing.TotalSeconds);
                _rate = _rate is { } old ? old + weight * (measured - old) : measured;
                _rateAt = now;
            }
        }
    }
}
