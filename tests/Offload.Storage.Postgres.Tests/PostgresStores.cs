using Offload.Storage.Contract;
using Offload.Storage.Postgres.Jobs;
using Offload.Storage.Postgres.Platform;
using Offload.Testing;

namespace Offload.Storage.Postgres.Tests;

/// <summary>A fresh database in the throwaway cluster per test class instance, dropped afterwards.</summary>
internal static class PostgresStores
{
    public static async Task<StoreSet> CreateAsync()
    {
        var cluster = await PostgresCluster.InstanceAsync();
        var connectionString = await cluster.CreateDatabaseAsync();
        var db = new PostgresDatabase(connectionString);
        await db.MigrateAsync(default);
        return new StoreSet(new PgJobStore(db), new PgJobMonitor(db), new PgUserStore(db), new PgBranchStore(db), new PgTokenStore(db),
            new PgNotificationStore(db), new PgOutboxStore(db), new PgSessionStore(db), async () =>
            {
                await db.DisposeAsync();
                await cluster.DropDatabaseAsync(connectionString);
            })
        {
            Courses = new PgCourseStore(db), Enrollments = new PgEnrollmentStore(db), SelectionCounts = new PgSelectionCounts(db),
        };
    }
}

public sealed class PostgresJobStoreTests : JobStoreContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresJobEngineTests : JobEngineContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresCompletionTests : CompletionContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresUserImportTests : UserImportContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresUserBatchTests : UserBatchContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresSelectionCountsTests : SelectionCountsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresUserIdsTests : UserIdsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresSecurityStampTests : SecurityStampContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresSuperadminGuardTests : SuperadminGuardContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}
