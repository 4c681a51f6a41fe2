namespace Offload.Bench.Peers;

/// <summary>The Hangfire.PostgreSql configurations measured (PEERS.md).</summary>
internal enum HangfireSetup
{
    /// <summary>Out of the box: 15 s queue poll, workers = 5 × cores (max 20).</summary>
    Default,
    /// <summary>QueuePollInterval 50 ms (the smallest it accepts), sliding invisibility timeout, 20 workers.</summary>
    Tuned,
    /// <summary>Tuned plus EnableLongPolling (LISTEN/NOTIFY); known to hang, so always time-limited.</summary>
    TunedLongPolling,
}

internal static class HangfireSetupNames
{
    public static string Label(this HangfireSetup setup) => setup switch
    {
        HangfireSetup.Default => "Hangfire.PostgreSql, default",
        HangfireSetup.Tuned => "Hangfire.PostgreSql, tuned (50 ms poll, 20 workers)",
        _ => "Hangfire.PostgreSql, tuned + long polling",
    };
}
