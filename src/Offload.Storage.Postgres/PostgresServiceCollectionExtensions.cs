using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Storage;
using Offload.Platform.Branches;
using Offload.Platform.Courses;
using Offload.Platform.Enrollments;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;
using Offload.Platform.Users;
using Offload.Storage.Postgres.Jobs;
using Offload.Storage.Postgres.Platform;

namespace Offload.Storage.Postgres;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>Every store on one PostgreSQL database; the connection string is read when the database is first needed.</summary>
    public static IServiceCollection AddOffloadPostgres(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddSingleton(sp => new PostgresDatabase(connectionString(sp)));
        services.AddSingleton<IJobStore, PgJobStore>();
        services.AddSingleton<IJobMonitor, PgJobMonitor>();
        services.AddSingleton<INotificationStore, PgNotificationStore>();
        services.AddSingleton<IOutboxStore, PgOutboxStore>();
        services.AddSingleton<IUserStore, PgUserStore>();
        services.AddSingleton<ITokenStore, PgTokenStore>();
        services.AddSingleton<ISessionStore, PgSessionStore>();
        services.AddSingleton<IBranchStore, PgBranchStore>();
        services.AddSingleton<ICourseStore, PgCourseStore>();
        services.AddSingleton<IEnrollmentStore, PgEnrollmentStore>();
        services.AddSingleton<ISelectionCounts, PgSelectionCounts>();
        return services;
    }
}
