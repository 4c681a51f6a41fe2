using System.Diagnostics;

namespace Offload.Jobs;

/// <summary>
/// The engine's spans (ActivitySource <see cref="SourceName"/>): one per run of a job by a worker, linked to the
/// traced request that created the job, and one per chunk under it. Ids and counts only — no names, files or
/// descriptions. With nobody listening, <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null
/// and a chunk costs one check.
/// </summary>
public static class JobTracing
{
    public const string SourceName = "Offload.Jobs";

    private const string RunName = "job run";
    private const string ChunkName = "job chunk";
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The W3C traceparent of the traced span current at the job's creation (its request), or null.</summary>
    internal static string? CreatorTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Recorded: true } current ? current.Id : null;

    /// <summary>
    /// A run's span: a root (the run happens later, maybe on another node), with a link to the creating request's.
    /// </summary>
    internal static Activity? StartRun(Job job)
    {
        if (!Source.HasListeners()) return null;
        ActivityLink[]? links = ActivityContext.TryParse(job.TraceParent, null, isRemote: true, out var creator) ? [new ActivityLink(creator)] : null;
        var previous = Activity.Current;
        Activity.Current = null; // never the child of whatever span the worker happens to be in
        var run = Source.StartActivity(RunName, ActivityKind.Internal, parentContext: default, links: links);
        if (run is null)
        {
            Activity.Current = previous;
            return null;
        }
        run.SetTag("offload.job.id", job.Id.ToString());
        run.SetTag("offload.job.kind", job.Kind);
        run.SetTag("offload.job.attempt", job.Attempt);
        run.SetTag("offload.job.total", job.Total);
        return run;
    }

    /// <summary>
    /// How the run ended — with the job's counts when it ended the job — on the run's span, which is the current one
    /// wherever the runner ends (outside its chunks).
    /// </summary>
    internal static void RunEnded(string outcome, Job? job = null)
    {
        if (Activity.Current is not { OperationName: RunName } run || run.Source != Source) return;
        run.SetTag("offload.job.outcome", outcome);
        if (job is null) return;
        run.SetTag("offload.job.items", job.Processed);
        run.SetTag("offload.job.errors", job.ErrorCount);
    }

    /// <summary>A chunk's span, the child of its run's.</summary>
    internal static Activity? StartChunk(Job job, Checkpoint from)
    {
        var chunk = Source.StartActivity(ChunkName);
        chunk?.SetTag("offload.job.id", job.Id.ToString());
        chunk?.SetTag("offload.chunk.start", from.Processed);
        return chunk;
    }

    /// <summary>What the chunk did, once its transaction committed (or was refused).</summary>
    internal static void ChunkEnded(Activity? chunk, long items, long errors, ChunkCommit result)
    {
        if (chunk is null) return;
        chunk.SetTag("offload.chunk.items", items);
        chunk.SetTag("offload.chunk.errors", errors);
        chunk.SetTag("offload.chunk.commit", result.ToString());
    }

    /// <summary>Marks a span that threw, with the exception's type only: a message may carry a value from the data.</summary>
    internal static void Failed(Activity? span, Exception e) => span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
}
