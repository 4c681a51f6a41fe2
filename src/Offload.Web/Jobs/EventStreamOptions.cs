namespace Offload.Web.Jobs;

/// <summary>Bounds on GET /api/jobs/events ("Offload:Events"): how long a stream lives, how often it re-checks its caller, how many one account holds.</summary>
public sealed class EventStreamOptions
{
    /// <summary>A stream then ends; the browser's EventSource reconnects by itself, signing in afresh.</summary>
    public TimeSpan MaxStreamLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a stream re-checks its caller's token or session, account and role (changes made on this node are seen at once).</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Open streams per account on one node; one more is refused with 429.</summary>
    public int MaxStreamsPerUser { get; set; } = 10;
}
