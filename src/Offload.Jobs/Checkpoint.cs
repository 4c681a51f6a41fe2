namespace Offload.Jobs;

/// <summary>
/// Where a job resumes: how many items are done, plus an optional handler-specific marker
/// (e.g. a byte offset). Committed in the same transaction as the chunk's effects.
/// </summary>
public readonly record struct Checkpoint(long Processed, string? State = null)
{
    public static Checkpoint Start => new(0);
}
