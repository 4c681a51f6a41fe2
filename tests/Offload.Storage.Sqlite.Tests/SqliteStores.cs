using Offload.Storage.Contract;
using Microsoft.Extensions.DependencyInjection;
using Offload.Storage.Sql;

namespace Offload.Storage.Sqlite.Tests;

/// <summary>A fresh SQLite file per test class instance, deleted afterwards.</summary>
internal static class SqliteStores
{
    public static async Task<StoreSet> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "offload-sqlite-" + Guid.NewGuid().ToString("N"));
        var services = new SqliteDriver().AddStores(new ServiceCollection(), new StoreLocation(null, folder)).BuildServiceProvider();
        await services.GetRequiredService<SqlDatabase>().MigrateAsync(default);
        return StoreSet.From(services, async () =>
        {
            await services.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        });
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

public sealed class SqliteExistingUsernamesTests : ExistingUsernamesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteEnrollmentsTests : EnrollmentsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteCoursesTests : CoursesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteBranchesTests : BranchesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteUserListTests : UserListContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteErrorGroupsTests : ErrorGroupsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteUserImportRevertTests : UserImportRevertContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteJobChangesTests : JobChangesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteJobDetailsTests : JobDetailsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteWhatChangedTests : WhatChangedContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteAuditTests : AuditContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteStopOnErrorsTests : StopOnErrorsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqliteJobFindTests : JobFindContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}

public sealed class SqlitePauseTests : PauseContract
{
    protected override Task<StoreSet> CreateStoresAsync() => SqliteStores.CreateAsync();
}
