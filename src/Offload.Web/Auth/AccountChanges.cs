using System.Collections.Concurrent;

namespace Offload.Web.Auth;

/// <summary>
/// In-process word that an account changed (role, active, deleted, a token revoked), so this node's
/// long-lived requests of that account (event streams) re-check it at once instead of at their next
/// interval. Other nodes' changes reach them only through that interval.
/// </summary>
internal sealed class AccountChanges
{
    private readonly ConcurrentDictionary<Watch, byte> _watches = new();

    /// <summary>Called after the change committed; never throws into the caller, whose change is done.</summary>
    public void Changed(long userId)
    {
        foreach (var watch in _watches.Keys)
            if (watch.UserId == userId) watch.Notify();
    }

    /// <summary>Calls <paramref name="onChange"/> (which must be quick) when the account changes; dispose to stop.</summary>
    public IDisposable Subscribe(long userId, Action onChange)
    {
        var watch = new Watch(this, userId, onChange);
        _watches[watch] = 0;
        return watch;
    }

    private sealed class Watch(AccountChanges owner, long userId, Action onChange) : IDisposable
    {
        public long UserId => userId;

        public void Notify()
        {
            try { onChange(); }
            catch (ObjectDisposedException) { } // the request ended between the snapshot and this call
        }

        public void Dispose() => owner._watches.TryRemove(this, out _);
    }
}
