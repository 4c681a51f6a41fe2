namespace Offload.Jobs;

/// <summary>
/// In-process wake-up: enqueueing (and the node's poll, and other nodes' enqueues over LISTEN/NOTIFY)
/// pulses it so the node's claim loop looks at once. Pulses coalesce: the waiter drains them before its
/// look, which covers them all; a missed one only costs a poll.
/// </summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, int.MaxValue);

    public void Pulse()
    {
        // Bound the backlog so a burst of enqueues does not pile up pulses nobody needs.
        if (_pending.CurrentCount < 64) _pending.Release();
    }

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
