namespace Offload.Jobs.Storage;

/// <summary>The durable outbox: mails committed with a job's end, delivered later by a sender with retries.</summary>
public interface IOutboxStore
{
    /// <summary>Leases up to <see cref="ClaimMailRequest.Max"/> due, unsent mails to one sender.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(ClaimMailRequest request, CancellationToken ct);

    /// <summary>
    /// Extends a sender's lease on one mail, just before it is sent: false when the mail is no longer leased to
    /// that sender (another one took it over after the lease ran out, or it was sent), and must not be sent.
    /// </summary>
    Task<bool> ExtendLeaseAsync(ExtendMailLeaseRequest request, CancellationToken ct);

    /// <summary>Marks a mail sent, only while it is leased to the sender; false otherwise.</summary>
    Task<bool> MarkSentAsync(MarkSentRequest request, CancellationToken ct);

    /// <summary>Records a failed attempt and when to try again, only while the mail is leased to the sender; the mail stays in the outbox.</summary>
    Task<bool> MarkFailedAsync(MarkFailedRequest request, CancellationToken ct);

    /// <summary>When the next unsent mail is due, so an idle sender sleeps exactly that long.</summary>
    Task<DateTimeOffset?> NextDueAsync(NextDueRequest request, CancellationToken ct);
}

public sealed record OutboxMessage(long Id, string To, string Subject, string TextBody, string HtmlBody, int Attempts);

public sealed record ClaimMailRequest(string SenderId, DateTimeOffset Now, TimeSpan Lease, int Max);

public sealed record ExtendMailLeaseRequest(long Id, string SenderId, DateTimeOffset Now, TimeSpan Lease);

public sealed record MarkSentRequest(long Id, string SenderId, DateTimeOffset Now);

public sealed record MarkFailedRequest(long Id, string SenderId, string Error, DateTimeOffset RetryAt);

public sealed record NextDueRequest;
