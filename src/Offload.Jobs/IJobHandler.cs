namespace Offload.Jobs;

/// <summary>One mass action's work, one chunk at a time. Implemented per kind by the platform.</summary>
public interface IJobHandler
{
    /// <summary>Stable key stored with the job, e.g. "users.import".</summary>
    string Kind { get; }

    /// <summary>
    /// Processes the items after <paramref name="from"/>, writing only through <paramref name="tx"/>,
    /// and returns where the next chunk starts. The job is done when the returned
    /// <see cref="Checkpoint.Processed"/> reaches the job's total.
    /// </summary>
    Task<Checkpoint> ProcessChunkAsync(JobContext job, Checkpoint from, ChunkTransaction tx, CancellationToken ct);
}
