using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Branches;
using Offload.Platform.Courses;
using Offload.Platform.Enrollments;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>Every store of one driver on one fresh, empty database.</summary>
public sealed class StoreSet(IJobStore jobs, IJobMonitor monitor, IUserStore users, IBranchStore branches, ITokenStore tokens,
    INotificationStore notifications, IOutboxStore outbox, ISessionStore sessions, Func<ValueTask> dispose) : IAsyncDisposable
{
    public INotificationStore Notifications { get; } = notifications;
    public IOutboxStore Outbox { get; } = outbox;
    public IJobStore Jobs { get; } = jobs;
    public IJobMonitor Monitor { get; } = monitor;
    public IUserStore Users { get; } = users;
    public ITokenStore Tokens { get; } = tokens;
    public IBranchStore Branches { get; } = branches;
    public ISessionStore Sessions { get; } = sessions;
    public IJobRetentionStore Retention { get; init; } = null!;
    public IJobCounts Counts { get; init; } = null!;
    public IJobErrorGroups ErrorGroups { get; init; } = null!;
    public ICourseStore Courses { get; init; } = null!;
    public IEnrollmentStore Enrollments { get; init; } = null!;
    public ISelectionCounts SelectionCounts { get; init; } = null!;
    public IJobDetailReads JobDetails { get; init; } = null!;
    public IJobChanges Changes { get; init; } = null!;
    public Offload.Jobs.Audit.IAuditTrail Audit { get; init; } = null!;

    /// <summary>The import preview's username lookup (a port of its own, beside the user store).</summary>
    public Offload.Platform.Users.Import.IExistingUsernames ExistingUsernames { get; init; } = null!;

    public ValueTask DisposeAsync() => dispose();

    /// <summary>Every port as a driver registered it (<c>IStoreDriver.AddStores</c>), so the suite never names a driver's classes.</summary>
    public static StoreSet From(IServiceProvider sp, Func<ValueTask> dispose) =>
        new(sp.GetRequiredService<IJobStore>(), sp.GetRequiredService<IJobMonitor>(), sp.GetRequiredService<IUserStore>(),
            sp.GetRequiredService<IBranchStore>(), sp.GetRequiredService<ITokenStore>(), sp.GetRequiredService<INotificationStore>(),
            sp.GetRequiredService<IOutboxStore>(), sp.GetRequiredService<ISessionStore>(), dispose)
        {
            Retention = sp.GetRequiredService<IJobRetentionStore>(), Counts = sp.GetRequiredService<IJobCounts>(),
            ErrorGroups = sp.GetRequiredService<IJobErrorGroups>(),
            Courses = sp.GetRequiredService<ICourseStore>(), Enrollments = sp.GetRequiredService<IEnrollmentStore>(),
            SelectionCounts = sp.GetRequiredService<ISelectionCounts>(), JobDetails = sp.GetRequiredService<IJobDetailReads>(),
            Changes = sp.GetRequiredService<IJobChanges>(),
            Audit = sp.GetRequiredService<Offload.Jobs.Audit.IAuditTrail>(),
            ExistingUsernames = sp.GetRequiredService<Offload.Platform.Users.Import.IExistingUsernames>(),
        };
}

/// <summary>
/// Base of every contract class: a driver's test class inherits it, says how to make a fresh database,
/// and runs the whole suite unchanged.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    protected StoreSet Stores { get; private set; } = null!;

    /// <summary>Who asks for an abort or a delete, when the test is not about who.</summary>
    protected static readonly Offload.Jobs.Audit.AuditUser Someone = new(1, "admin");

    /// <summary>A fresh, migrated, empty database of the driver under test.</summary>
    protected abstract Task<StoreSet> CreateStoresAsync();

    public async Task InitializeAsync() => Stores = await CreateStoresAsync();

    public virtual async Task DisposeAsync() => await Stores.DisposeAsync();

    private static readonly DateTimeOffset ChunkTime = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private long _chunkOwner;

    /// <summary>
    /// Runs <paramref name="work"/> in one committed chunk of a job of its own (a new owner each time, so
    /// the claim always takes it): how handlers call the stores' chunk methods.
    /// </summary>
    protected async Task<T> InChunkAsync<T>(Func<ChunkTransaction, Task<T>> work)
    {
        var owner = ++_chunkOwner;
        var id = Guid.CreateVersion7(ChunkTime);
        await Stores.Jobs.EnqueueAsync(new EnqueueRequest(id, "test.kind", "Chunk", owner, $"owner{owner}", 1, "{}", ChunkTime, ChunkTime.AddDays(14)), default);
        Assert.Equal(id, Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("w1", ChunkTime, TimeSpan.FromSeconds(30)), default)).Id);
        await using var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(id, "w1", ChunkTime, Checkpoint.Start), default);
        var result = await work(tx);
        Assert.Equal(ChunkCommit.Committed, await tx.CommitAsync(new Checkpoint(1), default));
        return result;
    }
}
