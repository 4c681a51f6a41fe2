namespace Offload.Web.Jobs;

/// <summary>Counts the open event streams of each account on this node, so one account cannot hold thousands.</summary>
internal sealed class StreamSlots
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, int> _open = [];

    /// <summary>A slot to dispose when the stream ends, or null when the account already holds <paramref name="max"/>.</summary>
    public IDisposable? TryTake(long userId, int max)
    {
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(userId);
            if (open >= max) return null;
            _open[userId] = open + 1;
        }
        return new Slot(this, userId);
    }

    private sealed class Slot(StreamSlots slots, long userId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            lock (slots._gate)
            {
                if (slots._open[userId] == 1) slots._open.Remove(userId);
                else slots._open[userId]--;
            }
        }
    }
}
