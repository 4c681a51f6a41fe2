namespace Offload.Jobs;

/// <summary>A job changed (created, progress, aborting, finished, deleted); carries what filtering needs.</summary>
/// <param name="FromOtherNode">Relayed from another process (PostgreSQL LISTEN/NOTIFY), so it must not be relayed back.</param>
public sealed record JobChange(Guid JobId, long OwnerId, string What, bool FromOtherNode = false);

/// <summary>
/// In-process broadcast of job changes after they commit, for live pages and notifications.
/// Subscribers must be quick; they are called on the committing thread.
/// </summary>
public sealed class JobEvents
{
    private readonly Lock _gate = new();
    private ImmutableSubscribers _subscribers = new([]);

    public void Publish(JobChange change)
    {
        foreach (var s in _subscribers.Items) s(change);
    }

    /// <summary>Adds a subscriber; dispose the result to remove it.</summary>
    public IDisposable Subscribe(Action<JobChange> subscriber)
    {
        lock (_gate) _subscribers = new([.. _subscribers.Items, subscriber]);
        return new Unsubscriber(this, subscriber);
    }

    private sealed record ImmutableSubscribers(Action<JobChange>[] Items);

    private sealed class Unsubscriber(JobEvents events, Action<JobChange> subscriber) : IDisposable
    {
        public void Dispose()
        {
            lock (events._gate)
                events._subscribers = new([.. events._subscribers.Items.Where(s => s != subscriber)]);
        }
    }
}
