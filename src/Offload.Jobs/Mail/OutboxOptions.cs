namespace Offload.Jobs.Mail;

/// <summary>How the outbox sender retries (Offload:Mail section).</summary>
public sealed class OutboxOptions
{
    /// <summary>Wait before the first retry; doubles per failed attempt.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between attempts: a mail is retried at least this often, forever.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long one mail stays leased to its sender from just before it is sent: longer than the transport may take
    /// (MailKit's 30 s per step: connect, authenticate, send, quit), so no other node sends it meanwhile.
    /// </summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest an idle sender sleeps when nothing wakes it (another node's job ended).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
