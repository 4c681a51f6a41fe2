namespace Offload.Jobs.Storage;

/// <summary>The durable outbox: mails committed with a job's end, delivered later by a sender with retries.</summary>
public interface IOutboxStore
{
    /// <summary>Leases up to <see cref="ClaimMailRequest.Max"/> due, unsent mails to one sender.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(ClaimMailRequest request, CancellationToken ct);

    Task MarkSentAsync(MarkSentRequest request, CancellationToken ct);

    /// <summary>Records a failed attempt and when to try again; the mail stays in the outbox.</summary>
    Task MarkFailedAsync(MarkFailedRequest request, CancellationToken ct);

    /// <summary>When the next unsent mail is due, so an idle sender sleeps exactly that long.</summary>
    Task<DateTimeOffset?> NextDueAsync(NextDueRequest request, CancellationToken ct);
}

public sealed record OutboxMessage(long Id, string To, string Subject, string TextBody, string HtmlBody, int Attempts);

public sealed record ClaimMailRequest(string SenderId, DateTimeOffset Now, TimeSpan Lease, int Max);

public sealed record MarkSentRequest(long Id, DateTimeOffset Now);

public sealed record MarkFailedRequest(long Id, string Error, DateTimeOffset RetryAt);

public sealed record NextDueRequest;
