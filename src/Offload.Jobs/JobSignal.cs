namespace Offload.Jobs;

/// <summary>
/// In-process wake-up: enqueueing pulses it so the node's claim loop looks at once instead of waiting
/// for the poll interval. Pulses coalesce; a missed one only costs a poll.
/// </summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, int.MaxValue);
    private int _pollPending;

    /// <summary>Wakes up to <paramref name="count"/> waiters.</summary>
    public void Pulse(int count = 1)
    {
        // Bound the backlog so a burst of enqueues does not make idle workers spin later.
        if (_pending.CurrentCount < 64) _pending.Release(count);
    }

    /// <summary>
    /// Wakes the claim loop to look for jobs no pulse announced (expired leases, jobs of a process that
    /// could not notify); at most one such look is pending at a time.
    /// </summary>
    public void Poll()
    {
        if (Interlocked.Exchange(ref _pollPending, 1) == 0) Pulse();
    }

    /// <summary>True once after <see cref="Poll"/>; taking it lets the next poll pulse again.</summary>
    public bool TakePoll() => Interlocked.Exchange(ref _pollPending, 0) == 1;

    /// <summary>Forgets pending pulses: for a waiter whose next pass covers everything announced so far.</summary>
    public void Drain()
    {
        while (_pending.Wait(0))
        {
        }
    }

    /// <summary>Waits for a pulse or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try { await _pending.WaitAsync(timeout, ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public void Dispose() => _pending.Dispose();
}
