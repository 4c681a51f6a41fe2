using System.Collections.Concurrent;

namespace Offload.Jobs;

/// <summary>
/// How many items per second each kind of job has lately run at on this node: what a preview's "estimated
/// duration" is made of. Learned from completed jobs, so the estimate follows this machine and this database
/// rather than a figure written once; until a kind has run here, the caller's typical rate stands in.
/// </summary>
public sealed class JobThroughput
{
    /// <summary>Smaller jobs spend most of their time being picked up and finished, which says nothing about their rate.</summary>
    public const long MinItemsLearned = 1_000;

    private readonly ConcurrentDictionary<string, double> _rates = new(StringComparer.Ordinal);

    /// <summary>Learns from a job that ran to the end: recent jobs weigh more than old ones.</summary>
    public void Completed(Job job)
    {
        if (job.Total < MinItemsLearned || job is not { StartedAt: { } started, FinishedAt: { } finished }) return;
        var seconds = (finished - started).TotalSeconds;
        if (seconds <= 0) return;
        var rate = job.Total / seconds;
        _rates.AddOrUpdate(job.Kind, rate, (_, old) => old * 0.7 + rate * 0.3);
    }

    /// <summary>Whole seconds <paramref name="items"/> items of <paramref name="kind"/> should take; at least 1 when there is work.</summary>
    /// <param name="typicalRate">Items per second when this node has not yet run such a job (the kind's figure in docs/BENCHMARKS.md).</param>
    public int EstimateSeconds(string kind, long items, double typicalRate)
    {
        if (items <= 0) return 0;
        var rate = _rates.TryGetValue(kind, out var learned) ? learned : typicalRate;
        return (int)Math.Clamp(Math.Ceiling(items / rate), 1, int.MaxValue);
    }
}
