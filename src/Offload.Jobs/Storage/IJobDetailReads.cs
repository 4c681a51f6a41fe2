namespace Offload.Jobs.Storage;

/// <summary>What a job's own page reads beside the job itself: its place in the queue and the jobs that follow it up.</summary>
public interface IJobDetailReads
{
    /// <summary>How many queued jobs were created before this one: its place in the queue by age, for a queued job.</summary>
    Task<long> CountQueuedAheadAsync(CountQueuedAheadRequest request, CancellationToken ct);

    /// <summary>The jobs that retry or undo this one, oldest first, whoever owns them (the caller filters what a reader may see).</summary>
    Task<IReadOnlyList<Job>> ListFollowUpsAsync(ListFollowUpsRequest request, CancellationToken ct);
}

public sealed record CountQueuedAheadRequest(Guid JobId);

/// <param name="Limit">At most this many; a job is retried a handful of times at most, undone once.</param>
public sealed record ListFollowUpsRequest(Guid JobId, int Limit = 20);
