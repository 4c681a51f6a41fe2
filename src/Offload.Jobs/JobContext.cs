namespace Offload.Jobs;

/// <summary>
/// One run of a job by one worker (from claim to finish or lease loss). Handlers may keep expensive
/// state here between chunks — an open CSV reader — so a chunk does not start from scratch.
/// </summary>
public sealed class JobContext(Job job, int chunkSize, TimeSpan chunkTime) : IAsyncDisposable
{
    public Job Job { get; } = job;

    /// <summary>
    /// Starts measuring a chunk: it ends at <c>Offload:ChunkSize</c> items or <c>Offload:ChunkTime</c>,
    /// whichever comes first, so slow items (password hashing) cannot hold a transaction — or delay an abort — for long;
    /// a chunk from <paramref name="from"/> also ends where the job's error-rate stop is first judged (<see cref="StopOnErrors.ChunkLimit"/>).
    /// </summary>
    public ChunkBudget StartChunk(long from) =>
        new(Job.StopOnErrors?.ChunkLimit(from, chunkSize) ?? chunkSize, chunkTime, System.Diagnostics.Stopwatch.GetTimestamp());

    /// <summary>Handler-owned state for this run; disposed when the run ends.</summary>
    public object? RunState { get; set; }

    /// <summary>Disposes the run state and forgets it: the next chunk starts afresh from its checkpoint.</summary>
    public async ValueTask ResetRunStateAsync()
    {
        switch (RunState)
        {
            case IAsyncDisposable a: await a.DisposeAsync(); break;
            case IDisposable d: d.Dispose(); break;
        }
        RunState = null;
    }

    public ValueTask DisposeAsync() => ResetRunStateAsync();
}

/// <summary>How much more a chunk may take; see <see cref="JobContext.StartChunk"/>.</summary>
public readonly record struct ChunkBudget(int MaxItems, TimeSpan MaxTime, long StartedAt)
{
    /// <summary>True while a chunk that has taken <paramref name="items"/> items may take one more.</summary>
    public bool Allows(int items) =>
        items == 0 || (items < MaxItems && System.Diagnostics.Stopwatch.GetElapsedTime(StartedAt) < MaxTime);
}
