namespace Offload.Jobs;

/// <summary>Engine settings, bound from the "Offload" configuration section.</summary>
public sealed class JobsOptions
{
    /// <summary>Worker pool size of this process (Offload:Workers).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How long a claim holds without a heartbeat; a crashed worker's job is resumed after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Fallback poll when no wake-up arrives (another process enqueued, a lease expired).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Items per chunk: the unit of commit, of progress and of abort latency.</summary>
    public int ChunkSize { get; set; } = 2000;

    /// <summary>Longest a chunk may run before it commits; bounds abort latency and lock time.</summary>
    public TimeSpan ChunkTime { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a failing chunk is retried before the job fails.</summary>
    public int ChunkRetries { get; set; } = 3;

    /// <summary>First retry delay; doubles on each further attempt.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a job stays visible after creation (Offload:Retention).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often expired jobs are looked for and deleted.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Folder of every file Offload keeps: the SQLite file, job folders, previews, mails, samples (Offload:DataPath).</summary>
    public string DataPath { get; set; } = "./data";
}
