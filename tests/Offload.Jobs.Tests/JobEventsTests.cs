using Microsoft.Extensions.Logging;

namespace Offload.Jobs.Tests;

/// <summary>Publishing a job change runs after the job's row committed: it must reach every healthy subscriber and never throw.</summary>
public sealed class JobEventsTests
{
    [Fact]
    public void A_throwing_subscriber_and_a_closed_one_stop_neither_publish_nor_the_others()
    {
        var log = new ListLogger();
        var events = new JobEvents(log);
        var before = new List<JobChange>();
        var after = new List<JobChange>();
        using var first = events.Subscribe(before.Add);
        using var throwing = events.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        // A stream that closed while a publish still held it: its wake-up signal is already disposed.
        var closedWake = new SemaphoreSlim(0, 1);
        closedWake.Dispose();
        using var closed = events.Subscribe(_ => closedWake.Release());
        using var last = events.Subscribe(after.Add);

        var created = new JobChange(Guid.NewGuid(), 7, JobChangeKind.Created);
        var finished = new JobChange(created.JobId, 7, JobChangeKind.Finished);
        events.Publish(created);
        events.Publish(finished);

        Assert.Equal([created, finished], before);
        Assert.Equal([created, finished], after);
        // Each broken subscriber is logged once, not once per change.
        Assert.Equal(2, log.Errors.Count);
        Assert.Contains(log.Errors, e => e is InvalidOperationException);
        Assert.Contains(log.Errors, e => e is ObjectDisposedException);
    }

    [Fact]
    public void A_removed_subscriber_gets_no_more_changes()
    {
        var events = new JobEvents();
        var seen = new List<JobChange>();
        var subscription = events.Subscribe(seen.Add);
        events.Publish(new JobChange(Guid.NewGuid(), 1, JobChangeKind.Created));
        subscription.Dispose();
        events.Publish(new JobChange(Guid.NewGuid(), 1, JobChangeKind.Created));
        Assert.Single(seen);
    }

    private sealed class ListLogger : ILogger<JobEvents>
    {
        public List<Exception> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null) Errors.Add(exception);
        }
    }
}
