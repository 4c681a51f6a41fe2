using Offload.Jobs;

namespace Offload.Web.Pages.Jobs;

/// <summary>One line of a job's timeline: what happened, when, and who did it when someone did.</summary>
internal sealed record TimelineEvent(TimelineStep Step, DateTimeOffset At, string? By)
{
    public static IReadOnlyList<TimelineEvent> Of(Job job)
    {
        var events = new List<TimelineEvent> { new(TimelineStep.Created, job.CreatedAt, job.OwnerName) };
        if (job.StartedAt is { } started) events.Add(new(TimelineStep.Started, started, null));
        if (job.AbortRequestedAt is { } asked) events.Add(new(TimelineStep.AbortAsked, asked, job.AbortRequestedBy));
        // The last pause and resume (a job paused twice shows its latest), and a pause asked that its worker has yet to reach.
        if (job.PausedAt is { } paused) events.Add(new(TimelineStep.Paused, paused, job.PausedBy));
        if (job.ResumedAt is { } resumed) events.Add(new(TimelineStep.Resumed, resumed, job.ResumedBy));
        if (job is { IsPausing: true, PauseRequestedAt: { } pauseAsked }) events.Add(new(TimelineStep.PauseAsked, pauseAsked, job.PausedBy));
        if (job.FinishedAt is { } finished) events.Add(new(TimelineStep.Finished, finished, null));
        // Stable: an abort asked in the same instant a queued job ended still reads before its end.
        return [.. events.OrderBy(e => e.At)];
    }
}

internal enum TimelineStep
{
    Created,
    Started,
    AbortAsked,
    PauseAsked,
    Paused,
    Resumed,
    Finished,
}
