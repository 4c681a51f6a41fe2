using Offload.Jobs.Storage;
using Offload.Platform.Branches;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>Every store of one driver on one fresh, empty database.</summary>
public sealed class StoreSet(IJobStore jobs, IJobMonitor monitor, IUserStore users, IBranchStore branches, ITokenStore tokens,
    INotificationStore notifications, IOutboxStore outbox, Func<ValueTask> dispose) : IAsyncDisposable
{
    public INotificationStore Notifications { get; } = notifications;
    public IOutboxStore Outbox { get; } = outbox;
    public IJobStore Jobs { get; } = jobs;
    public IJobMonitor Monitor { get; } = monitor;
    public IUserStore Users { get; } = users;
    public ITokenStore Tokens { get; } = tokens;
    public IBranchStore Branches { get; } = branches;

    public ValueTask DisposeAsync() => dispose();
}

/// <summary>
/// Base of every contract class: a driver's test class inherits it, says how to make a fresh database,
/// and runs the whole suite unchanged.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    protected StoreSet Stores { get; private set; } = null!;

    /// <summary>A fresh, migrated, empty database of the driver under test.</summary>
    protected abstract Task<StoreSet> CreateStoresAsync();

    public async Task InitializeAsync() => Stores = await CreateStoresAsync();

    public virtual async Task DisposeAsync() => await Stores.DisposeAsync();
}
