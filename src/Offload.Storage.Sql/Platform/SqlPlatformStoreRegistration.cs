using Microsoft.Extensions.DependencyInjection;
using Offload.Platform.Branches;
using Offload.Platform.Courses;
using Offload.Platform.Enrollments;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;
using Offload.Platform.Users;
using Offload.Platform.Users.Import;

namespace Offload.Storage.Sql.Platform;

/// <summary>
/// The platform ports whose SQL both databases accept, with the driver's own user store (its bulk import); a driver
/// replaces a shared port only where its SQL must differ (PostgreSQL's counts and username probe).
/// </summary>
public static class SqlPlatformStoreRegistration
{
    public static IServiceCollection AddSqlPlatformStores<TUserStore>(this IServiceCollection services)
        where TUserStore : SqlUserStore
    {
        services.AddSingleton<IUserStore, TUserStore>();
        services.AddSingleton<ITokenStore, SqlTokenStore>();
        services.AddSingleton<ISessionStore, SqlSessionStore>();
        services.AddSingleton<IBranchStore, SqlBranchStore>();
        services.AddSingleton<ICourseStore, SqlCourseStore>();
        services.AddSingleton<IEnrollmentStore, SqlEnrollmentStore>();
        services.AddSingleton<ISelectionCounts, SqlSelectionCounts>();
        services.AddSingleton<IExistingUsernames, SqlExistingUsernames>();
        return services;
    }
}
