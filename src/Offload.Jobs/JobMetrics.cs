using System.Diagnostics.Metrics;
using Offload.Jobs.Storage;

namespace Offload.Jobs;

/// <summary>
/// What an operator watches (SPEC §8): items processed per second, how long jobs wait before a worker
/// picks them up, how they end, and how many wait or run. Published on the "Offload.Jobs" meter; the host
/// exports it (Prometheus at /metrics).
/// </summary>
public sealed class JobMetrics
{
    public const string MeterName = "Offload.Jobs";

    private readonly IJobCounts _store;
    private readonly Counter<long> _items;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _pickup;
    private JobCounts _counts = new(0, 0, 0);

    public JobMetrics(IMeterFactory meters, IJobCounts store)
    {
        _store = store;
        var meter = meters.Create(MeterName);
        _items = meter.CreateCounter<long>("offload.jobs.items.processed", "{item}", "Items processed by committed chunks.");
        _finished = meter.CreateCounter<long>("offload.jobs.finished", "{job}", "Jobs that reached a final state, by outcome.");
        _pickup = meter.CreateHistogram<double>("offload.jobs.pickup.latency", "s", "From a job's creation to its first claim by a worker.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        meter.CreateObservableGauge("offload.jobs.queue.depth", () => new Measurement<long>[]
        {
            new(_counts.Queued, new KeyValuePair<string, object?>("job.status", "queued")),
            new(_counts.Running, new KeyValuePair<string, object?>("job.status", "running")),
            new(_counts.Aborting, new KeyValuePair<string, object?>("job.status", "aborting")),
        }, "{job}", "Unfinished jobs in the whole store, as of the last refresh.");
    }

    /// <summary>A chunk committed <paramref name="items"/> items of a job of this kind.</summary>
    public void ItemsProcessed(string kind, long items) =>
        _items.Add(items, new KeyValuePair<string, object?>("job.kind", kind));

    /// <summary>A worker claimed a job; only its first claim counts as pickup (later ones are resumes).</summary>
    public void Claimed(Job job)
    {
        if (job.Attempt == 1 && job.StartedAt is { } started)
            _pickup.Record(Math.Max(0, (started - job.CreatedAt).TotalSeconds), new KeyValuePair<string, object?>("job.kind", job.Kind));
    }

    public void Finished(string kind, JobStatus outcome) =>
        _finished.Add(1, new KeyValuePair<string, object?>("job.kind", kind), new KeyValuePair<string, object?>("job.outcome", outcome.ToName()));

    /// <summary>
    /// Reads the queue depth from the store. Called just before a scrape rather than on a timer, so an idle
    /// node that nobody scrapes costs the database nothing.
    /// </summary>
    public async Task RefreshQueueDepthAsync(CancellationToken ct) =>
        _counts = await _store.CountUnfinishedAsync(new CountUnfinishedRequest(), ct);
}
