using Offload.Storage.Contract;
using Microsoft.Extensions.DependencyInjection;
using Offload.Storage.Sql;
using Offload.Testing;

namespace Offload.Storage.Postgres.Tests;

/// <summary>A fresh database in the throwaway cluster per test class instance, dropped afterwards.</summary>
internal static class PostgresStores
{
    /// <param name="throughPgBouncer">Every store reaches the database through the throwaway PgBouncer in transaction mode.</param>
    public static async Task<StoreSet> CreateAsync(bool throughPgBouncer = false)
    {
        var cluster = await PostgresCluster.InstanceAsync();
        var connectionString = await cluster.CreateDatabaseAsync();
        var location = throughPgBouncer
            ? new StoreLocation((await PgBouncer.InstanceAsync()).Pooled(connectionString), "") { Pooler = "transaction" }
            : new StoreLocation(connectionString, "");
        var services = new PostgresDriver().AddStores(new ServiceCollection(), location).BuildServiceProvider();
        await services.GetRequiredService<SqlDatabase>().MigrateAsync(default);
        return StoreSet.From(services, async () =>
        {
            await services.DisposeAsync();
            await cluster.DropDatabaseAsync(connectionString);
        });
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

public sealed class PostgresExistingUsernamesTests : ExistingUsernamesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresEnrollmentsTests : EnrollmentsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresCoursesTests : CoursesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresBranchesTests : BranchesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresUserListTests : UserListContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresErrorGroupsTests : ErrorGroupsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresUserImportRevertTests : UserImportRevertContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresJobChangesTests : JobChangesContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresJobDetailsTests : JobDetailsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresWhatChangedTests : WhatChangedContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresAuditTests : AuditContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresStopOnErrorsTests : StopOnErrorsContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresJobFindTests : JobFindContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}

public sealed class PostgresPauseTests : PauseContract
{
    protected override Task<StoreSet> CreateStoresAsync() => PostgresStores.CreateAsync();
}
