using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Offload.Jobs;

/// <summary>A job changed; carries what filtering needs.</summary>
/// <param name="FromOtherNode">Relayed from another process (PostgreSQL LISTEN/NOTIFY), so it must not be relayed back.</param>
public sealed record JobChange(Guid JobId, long OwnerId, JobChangeKind What, bool FromOtherNode = false);

/// <summary>
/// In-process broadcast of job changes after they commit, for live pages and notifications.
/// Subscribers must be quick; they are called on the committing thread.
/// </summary>
/// <remarks>
/// <see cref="Publish"/> never throws: it runs after a job's row has committed (created, aborted, deleted,
/// finished), so an exception here would tell the caller that a done thing failed — a 500 for a job that
/// exists, or a creator cleaning up the input of a job that will run. A subscriber that throws (or one whose
/// stream just closed while a publish still held it in its snapshot) is isolated: the others still get the change.
/// </remarks>
public sealed class JobEvents(ILogger<JobEvents>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<JobEvents>.Instance;
    private readonly Lock _gate = new();
    private Subscriber[] _subscribers = [];

    public void Publish(JobChange change)
    {
        foreach (var s in Volatile.Read(ref _subscribers)) s.Deliver(change, _logger);
    }

    /// <summary>Adds a subscriber; dispose the result to remove it.</summary>
    public IDisposable Subscribe(Action<JobChange> subscriber)
    {
        var added = new Subscriber(this, subscriber);
        lock (_gate) _subscribers = [.. _subscribers, added];
        return added;
    }

    private sealed class Subscriber(JobEvents events, Action<JobChange> handle) : IDisposable
    {
        private int _failed;

        public void Deliver(JobChange change, ILogger logger)
        {
            try
            {
                handle(change);
            }
            catch (Exception e)
            {
                // Once per subscriber: a broken one would otherwise log on every chunk of every job.
                if (Interlocked.Exchange(ref _failed, 1) == 0)
                    logger.LogError(e, "A job change subscriber failed on {What} of job {JobId}; other subscribers still got it", change.What, change.JobId);
            }
        }

        public void Dispose()
        {
            lock (events._gate) events._subscribers = [.. events._subscribers.Where(s => s != this)];
        }
    }
}
