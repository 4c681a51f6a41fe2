namespace Offload.Jobs.Storage;

/// <summary>The retention sweeper's view of a store: what has expired goes.</summary>
public interface IJobRetentionStore
{
    /// <summary>
    /// Deletes finished jobs whose expiry has passed, with their error rows and notifications — never a
    /// queued or running one — and returns them so their folders can go too and their owners' pages hear of it.
    /// </summary>
    Task<IReadOnlyList<PurgedJob>> PurgeExpiredAsync(PurgeExpiredRequest request, CancellationToken ct);
}

public sealed record PurgeExpiredRequest(DateTimeOffset Now, int Max);

public sealed record PurgedJob(Guid Id, long OwnerId);
