namespace Offload.Jobs;

/// <summary>
/// A job's error-rate stop (SPEC §10): once it has processed <see cref="After"/> items, it ends aborted
/// (<see cref="Job.StopReason"/> <see cref="Reason"/>) at the first chunk boundary where more than <see cref="Percent"/>%
/// of them failed. Stored with the job, so whichever worker resumes it applies the same rule.
/// </summary>
/// <param name="Percent">1–100; 100 never stops (no more than every item can fail).</param>
/// <param name="After">At least 1: how many items are processed before the share is judged.</param>
public sealed record StopOnErrors(int Percent, long After)
{
    /// <summary>The stop reason of a job this rule stopped, as JSON and the jobs table name it.</summary>
    public const string Reason = "errorRate";

    /// <summary>True when <paramref name="failed"/> of the <paramref name="processed"/> items are past the rule.</summary>
    public bool IsExceeded(long processed, long failed) => processed >= After && failed * 100 > Percent * processed;

    /// <summary>
    /// The most items a chunk starting at <paramref name="from"/> may take: a chunk ends at <see cref="After"/> when it
    /// would cross it, so the first judgement falls on exactly that many items rather than a chunk later.
    /// </summary>
    public int ChunkLimit(long from, int chunkSize) => from < After ? (int)Math.Min(chunkSize, After - from) : chunkSize;
}
