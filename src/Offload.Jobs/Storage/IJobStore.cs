namespace Offload.Jobs.Storage;

/// <summary>The workers' view of a store. Each driver implements it on its own database.</summary>
public interface IJobStore
{
    /// <summary>
    /// Writes a queued job with its frozen input and, in the same transaction, its audit entry: its owner — who started
    /// it — as actor, <c>job.start</c> on the new job, or <c>job.retry</c> / <c>job.undo</c> on the job it follows up
    /// (with that job's owner, and the new job beside it). Throws, writing nothing, when the job followed up is gone.
    /// </summary>
    Task<Job> EnqueueAsync(EnqueueRequest request, CancellationToken ct);

    /// <summary>
    /// Takes up to one runnable job (queued, or running/aborting with an expired lease) per worker of the
    /// request, in one round trip, and leases the first job to the first worker, the second to the second…
    /// Fair between owners exactly as claiming them one at a time would be: each next job goes to the owner
    /// with the fewest jobs running (counting those taken before it), then to the oldest job. Empty when
    /// there is nothing to run; shorter than the worker list when the backlog ran out.
    /// </summary>
    Task<IReadOnlyList<Job>> ClaimAsync(ClaimRequest request, CancellationToken ct);

    /// <summary>Opens the transaction a chunk's effects, errors and checkpoint commit in.</summary>
    Task<ChunkTransaction> BeginChunkAsync(BeginChunkRequest request, CancellationToken ct);

    /// <summary>Extends the lease; says whether it is still held and whether an abort or a pause was requested.</summary>
    Task<LeaseState> HeartbeatAsync(HeartbeatRequest request, CancellationToken ct);

    /// <summary>Moves a leased job to a terminal state; false when the lease was lost.</summary>
    Task<bool> FinishAsync(FinishRequest request, CancellationToken ct);

    /// <summary>
    /// Moves a leased running job whose pause was asked to paused at its chunk boundary, giving its lease back; the
    /// checkpoint stays. False when the lease was lost or the job is no longer running with a pause asked (an abort came).
    /// </summary>
    Task<bool> PauseAsync(PauseLeasedRequest request, CancellationToken ct);

    /// <summary>
    /// Gives a lease back on shutdown, so the job resumes at once on the next start or on another
    /// node instead of after the lease runs out. The checkpoint and status stay as they are.
    /// </summary>
    Task<bool> ReleaseAsync(ReleaseRequest request, CancellationToken ct);
}

/// <param name="RetryOf">The job whose failed items this one runs again.</param>
/// <param name="UndoOf">The job this one reverts; a second undo of the same job fails (unique in the store).</param>
/// <param name="StopOnErrors">The job's error-rate stop, stored with it; null for none.</param>
/// <param name="TraceParent">The W3C traceparent of the traced request that created it, for the run's link; null for none.</param>
public sealed record EnqueueRequest(
    Guid Id, string Kind, string Description, long OwnerId, string OwnerName, long Total, string Input,
    DateTimeOffset Now, DateTimeOffset ExpiresAt, Guid? RetryOf = null, Guid? UndoOf = null, StopOnErrors? StopOnErrors = null,
    string? TraceParent = null);

/// <param name="WorkerIds">The idle workers to lease jobs to, one job each at most; never empty.</param>
public sealed record ClaimRequest(IReadOnlyList<string> WorkerIds, DateTimeOffset Now, TimeSpan Lease)
{
    /// <summary>A claim of one job for one worker.</summary>
    public ClaimRequest(string workerId, DateTimeOffset now, TimeSpan lease) : this([workerId], now, lease)
    {
    }
}

/// <param name="From">
/// The checkpoint the chunk starts from, as this worker last saw it committed. The chunk commits only while the job is
/// still there (a compare-and-set): a chunk replayed because its commit's reply was lost never applies twice.
/// </param>
public sealed record BeginChunkRequest(Guid JobId, string WorkerId, DateTimeOffset Now, Checkpoint From);

public sealed record HeartbeatRequest(Guid JobId, string WorkerId, DateTimeOffset Now, TimeSpan Lease);

/// <param name="Completion">Notice and mail for the owner, written in the same transaction as the final state.</param>
/// <param name="StopReason">Why the engine stopped the job on its own (<see cref="StopOnErrors.Reason"/>), for an abort it decided.</param>
public sealed record FinishRequest(
    Guid JobId, string WorkerId, JobStatus Outcome, DateTimeOffset Now, string? FailureReason = null,
    Completion.JobCompletion? Completion = null, string? StopReason = null);

public sealed record PauseLeasedRequest(Guid JobId, string WorkerId, DateTimeOffset Now);

public sealed record ReleaseRequest(Guid JobId, string WorkerId, DateTimeOffset Now);

/// <summary>What a heartbeat learned about the lease.</summary>
public enum LeaseState
{
    Held,
    HeldAbortRequested,
    HeldPauseRequested,
    Lost,
}
