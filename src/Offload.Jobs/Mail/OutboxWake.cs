namespace Offload.Jobs.Mail;

/// <summary>
/// Wakes this process's outbox sender when a job ended with a mail for its owner. Only such endings
/// pulse it: a burst of jobs that leave no mail costs the outbox nothing. Anything missed (mail written
/// by another node, a retry coming due) is found by the sender's own timer.
/// </summary>
public sealed class OutboxWake : IDisposable
{
    private readonly JobSignal _signal = new();

    public void MailWritten() => _signal.Pulse();

    /// <summary>Waits for a mail or the timeout, then forgets the other pulses: one pass covers them all.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _signal.WaitAsync(timeout, ct);
        _signal.Drain();
    }

    public void Dispose() => _signal.Dispose();
}
