using Offload.Bench.Offload;

namespace Offload.Bench;

/// <summary>How big each scenario runs: the full default set, or a smoke run of a few seconds for test.sh.</summary>
internal sealed record BenchSizes
{
    public bool Smoke { get; init; }
    public int PickupJobs { get; init; } = 10_000;
    public int PeerPickupJobs { get; init; } = 2_000;
    public double PickupRate { get; init; } = 200;
    public double PeerPickupRate { get; init; } = 200;
    public int ThroughputJobs { get; init; } = 10_000;
    public int PeerThroughputJobs { get; init; } = 3_000;
    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromSeconds(10);
    public int[] ImportRows { get; init; } = [100_000, 1_000_000];
    public int EnrollUsers { get; init; } = 1_000_000;
    public int PreviewUsers { get; init; } = 1_000_000;
    public int ListJobs { get; init; } = 1_000_000;
    /// <summary>Jobs stored for the find scenario (issue 20's filters); OFFLOAD_BENCH_FIND_JOBS sets another size for a loaded machine.</summary>
    public int FindJobs { get; init; } = int.TryParse(Environment.GetEnvironmentVariable("OFFLOAD_BENCH_FIND_JOBS"), out var n) ? n : 1_000_000;
    public int SseWatchers { get; init; } = 1_000;
    /// <summary>Longest any one system may take for one measurement before it is reported as stuck.</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Which Offload stores to measure (<c>--store sqlite|postgres</c> narrows it while working on one).</summary>
    public IReadOnlyList<BenchStore> Stores { get; init; } = [BenchStore.Sqlite, BenchStore.Postgres];

    public static BenchSizes Full { get; } = new();

    public static BenchSizes SmokeRun { get; } = new()
    {
        Smoke = true,
        PickupJobs = 200,
        PeerPickupJobs = 50,
        ThroughputJobs = 300,
        PeerThroughputJobs = 100,
        IdleWindow = TimeSpan.FromSeconds(2),
        ImportRows = [1_000],
        EnrollUsers = 1_000,
        PreviewUsers = 1_000,
        ListJobs = 1_000,
        FindJobs = 2_000,
        SseWatchers = 20,
        Limit = TimeSpan.FromSeconds(60),
    };
}
