using System.Diagnostics;
using Offload.Jobs;

namespace Offload.Jobs.Tests;

public sealed class JobSignalTests
{
    [Fact]
    public async Task A_pulse_wakes_a_waiting_worker_before_its_poll_interval()
    {
        using var signal = new JobSignal();
        var watch = Stopwatch.StartNew();
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(5), default);
        signal.Pulse();
        await waiting;
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Without_a_pulse_the_wait_ends_at_the_poll_interval()
    {
        using var signal = new JobSignal();
        var waiting = signal.WaitAsync(TimeSpan.FromMilliseconds(30), default);
        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_quietly()
    {
        using var signal = new JobSignal();
        using var cts = new CancellationTokenSource();
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(5), cts.Token);
        await cts.CancelAsync();
        await waiting;
        Assert.True(waiting.IsCompletedSuccessfully);
    }
}
