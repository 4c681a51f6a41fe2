using System.Diagnostics;

namespace Offload.Bench.Scenarios;

/// <summary>Enqueues at a steady rate from one producer, as a stream of admins' clicks would arrive.</summary>
internal static class Pacer
{
    public static async Task RunAsync(int count, double perSecond, Func<int, Task> enqueue)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            // Sleeping, not spinning: on two cores a spinning producer would steal the workers' CPU.
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            await enqueue(i);
        }
    }
}
