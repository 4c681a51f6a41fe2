namespace Offload.Jobs.Storage;

/// <summary>The metrics' view of a store: how much work is waiting and running.</summary>
public interface IJobCounts
{
    /// <summary>How many jobs wait, run and are being aborted, over every owner.</summary>
    Task<JobCounts> CountUnfinishedAsync(CountUnfinishedRequest request, CancellationToken ct);
}

public sealed record CountUnfinishedRequest;

public sealed record JobCounts(long Queued, long Running, long Aborting);
