using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Storage;
using Offload.Platform.Branches;
using Offload.Platform.Courses;
using Offload.Platform.Enrollments;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;
using Offload.Platform.Users;
using Offload.Storage.Sqlite.Jobs;
using Offload.Storage.Sqlite.Platform;

namespace Offload.Storage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>Every store on one SQLite file; the connection string is read when the database is first needed.</summary>
    public static IServiceCollection AddOffloadSqlite(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddSingleton(sp => new SqliteDatabase(connectionString(sp)));
        services.AddSingleton<IJobStore, SqliteJobStore>();
        services.AddSingleton<IJobMonitor, SqliteJobMonitor>();
        services.AddSingleton<INotificationStore, SqliteNotificationStore>();
        services.AddSingleton<IOutboxStore, SqliteOutboxStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<ITokenStore, SqliteTokenStore>();
        services.AddSingleton<ISessionStore, SqliteSessionStore>();
        services.AddSingleton<IBranchStore, SqliteBranchStore>();
        services.AddSingleton<ICourseStore, SqliteCourseStore>();
        services.AddSingleton<IEnrollmentStore, SqliteEnrollmentStore>();
        services.AddSingleton<ISelectionCounts, SqliteSelectionCounts>();
        return services;
    }
}
