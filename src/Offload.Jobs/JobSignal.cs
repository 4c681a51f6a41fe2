namespace Offload.Jobs;

/// <summary>
/// In-process wake-up: enqueueing pulses it so an idle worker starts at once instead of waiting
/// for the poll interval. Pulses coalesce; a missed one only costs a poll.
/// </summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, int.MaxValue);

    /// <summary>Wakes up to <paramref name="count"/> waiting workers.</summary>
    public void Pulse(int count = 1)
    {
        // Bound the backlog so a burst of enqueues does not make idle workers spin later.
        if (_pending.CurrentCount < 64) _pending.Release(count);
    }

    /// <summary>Waits for a pulse or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try { await _pending.WaitAsync(timeout, ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public void Dispose() => _pending.Dispose();
}
