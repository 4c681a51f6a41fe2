using System.Globalization;
using Offload.Bench.Harness;
using Offload.Jobs;

namespace Offload.Bench.Offload;

/// <summary>
/// The tiny job: one item, no effect. Its input is the job's index in the run, so the handler can
/// stamp when it started; the engine's own work (claim, chunk commit, finish) is what is measured.
/// </summary>
internal sealed class ProbeHandler : IJobHandler
{
    public const string KindName = "bench.probe";

    public string Kind => KindName;

    /// <summary>Where starts are stamped; set by the scenario before it enqueues.</summary>
    public Latencies? Latencies { get; set; }

    public Task<Checkpoint> ProcessChunkAsync(JobContext job, Checkpoint from, ChunkTransaction tx, CancellationToken ct)
    {
        Latencies?.MarkStarted(int.Parse(job.Job.Input, CultureInfo.InvariantCulture));
        return Task.FromResult(new Checkpoint(job.Job.Total));
    }
}
