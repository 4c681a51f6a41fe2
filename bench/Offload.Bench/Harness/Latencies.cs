using System.Diagnostics;

namespace Offload.Bench.Harness;

/// <summary>Enqueue and start timestamps (Stopwatch ticks) per job index; percentiles of the gap.</summary>
internal sealed class Latencies(int count)
{
    private readonly long[] _enqueued = new long[count];
    private readonly long[] _started = new long[count];
    private int _startedCount;

    public int Count => count;

    public int Started => Volatile.Read(ref _startedCount);

    public void MarkEnqueued(int index) => _enqueued[index] = Stopwatch.GetTimestamp();

    /// <summary>Called by the job itself; a job started twice keeps its first start.</summary>
    public void MarkStarted(int index)
    {
        if (Interlocked.CompareExchange(ref _started[index], Stopwatch.GetTimestamp(), 0) == 0)
            Interlocked.Increment(ref _startedCount);
    }

    /// <summary>Waits until every job started or the limit passed; false on timeout.</summary>
    public async Task<bool> WaitAllStartedAsync(TimeSpan limit)
    {
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Started < count)
        {
            if (Stopwatch.GetTimestamp() > until) return false;
            await Task.Delay(5);
        }
        return true;
    }

    /// <summary>Milliseconds from enqueue to start of every job that started, sorted.</summary>
    public double[] SortedMs()
    {
        var ms = Enumerable.Range(0, count).Where(i => _started[i] != 0 && _enqueued[i] != 0)
            .Select(i => (_started[i] - _enqueued[i]) * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(ms);
        return ms;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
