using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Web.Jobs;

/// <summary>What a job's own page and <c>GET /api/jobs/{id}</c> tell beyond the job's row (SPEC §10).</summary>
/// <param name="ElapsedSeconds">Running: since it started; finished: how long it ran; null before it starts.</param>
/// <param name="EtaSeconds">Time left at the recent rate, while running; null when unknown.</param>
/// <param name="QueuePosition">While queued: 1 for the oldest queued job (by age: the claim is fair between owners).</param>
internal sealed record JobFacts(Job Job, long? ElapsedSeconds, long? EtaSeconds, long? QueuePosition, ErrorGroupSummary ErrorGroups);

/// <summary>Reads the extras a job's state calls for — a queued job's place, a job with errors its groups — and nothing more.</summary>
internal sealed class JobFactsReader(IJobDetailReads details, IJobErrorGroups groups, JobEtas etas, TimeProvider clock)
{
    /// <summary>The groups told one by one; the rest are summed into one line.</summary>
    public const int TopGroups = 5;

    private static readonly ErrorGroupSummary NoErrors = new([], 0, 0);

    public async Task<JobFacts> ReadAsync(Job job, CancellationToken ct)
    {
        // A GET is a progress sample too: a page refreshed by hand or a script's polling gets an ETA without a stream.
        etas.Observe(job);
        var now = clock.GetUtcNow();
        long? elapsed = job.StartedAt is { } started ? (long)Math.Max(0, ((job.FinishedAt ?? now) - started).TotalSeconds) : null;
        long? position = job.Status == JobStatus.Queued
            ? await details.CountQueuedAheadAsync(new CountQueuedAheadRequest(job.Id), ct) + 1
            : null;
        var errors = job.ErrorCount > 0 ? await groups.ReadAsync(new ReadErrorGroupsRequest(job.Id, TopGroups), ct) : NoErrors;
        return new JobFacts(job, elapsed, etas.EtaSeconds(job), position, errors);
    }
}
