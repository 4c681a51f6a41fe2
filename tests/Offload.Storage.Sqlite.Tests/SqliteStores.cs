using Offload.Storage.Contract;
using Offload.Storage.Sqlite.Jobs;
using Offload.Storage.Sqlite.Platform;

namespace Offload.Storage.Sqlite.Tests;

/// <summary>A fresh SQLite file per test class instance, deleted afterwards.</summary>
internal static class SqliteStores
{
    public static async Task<StoreSet> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "offload-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = new SqliteDatabase(SqliteDatabase.ForFile(Path.Combine(folder, "offload.db")));
        await db.MigrateAsync(default);
        return new StoreSet(new SqliteJobStore(db), new SqliteJobMonitor(db), new SqliteUserStore(db), new SqliteBranchStore(db), new SqliteTokenStore(db),
            new SqliteNotificationStore(db), new SqliteOutboxStore(db), new SqliteSessionStore(db), () =>
        {
            db.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return ValueTask.CompletedTask;
        })
        {
            Courses = new SqliteCourseStore(db), Enrollments = new SqliteEnrollmentStore(db), SelectionCounts = new SqliteSelectionCounts(db),
        };
    }
}

public sealed class SqliteJobStoreTests : JobStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteJobEngineTests : JobEngineContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteCompletionTests : CompletionContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteUserImportTests : UserImportContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteUserBatchTests : UserBatchContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteSelectionCountsTests : SelectionCountsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteUserIdsTests : UserIdsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteSecurityStampTests : SecurityStampContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteSuperadminGuardTests : SuperadminGuardContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}
