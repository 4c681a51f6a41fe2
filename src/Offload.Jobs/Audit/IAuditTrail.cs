namespace Offload.Jobs.Audit;

/// <summary>
/// The audit trail's read side and its retention. Entries are written only by the store operations that perform the
/// actions (enqueue, abort, delete), in their own transactions, so no entry exists without its action nor the reverse.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Newest first, keyset-paged on the entry id.</summary>
    Task<AuditPage> ListAsync(ListAuditRequest request, CancellationToken ct);

    /// <summary>Deletes up to <see cref="PurgeAuditRequest.Max"/> entries older than the cut-off; returns how many went.</summary>
    Task<int> PurgeAsync(PurgeAuditRequest request, CancellationToken ct);
}

/// <param name="Actor">Only entries whose actor had this username at the time (any case); null for everyone.</param>
/// <param name="Action">Only this action (<see cref="AuditActions"/>); null for every action.</param>
/// <param name="Before">Keyset cursor: only entries older than this id.</param>
public sealed record ListAuditRequest(int Limit, long? Before = null, string? Actor = null, string? Action = null);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);

/// <param name="OlderThan">Entries recorded before this time go.</param>
public sealed record PurgeAuditRequest(DateTimeOffset OlderThan, int Max);
