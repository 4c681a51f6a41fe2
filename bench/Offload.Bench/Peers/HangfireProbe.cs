using Offload.Bench.Harness;

namespace Offload.Bench.Peers;

/// <summary>
/// Hangfire's tiny job: a static method, as Hangfire jobs are written. It stamps its start in the
/// scenario's <see cref="Latencies"/> (static, since Hangfire invokes by expression, not by instance).
/// </summary>
public static class HangfireProbe
{
    internal static Latencies? Latencies { get; set; }

    private static int _completed;

    public static int Completed => Volatile.Read(ref _completed);

    public static void Reset() => Interlocked.Exchange(ref _completed, 0);

    public static void Run(int index)
    {
        Latencies?.MarkStarted(index);
        Interlocked.Increment(ref _completed);
    }
}
