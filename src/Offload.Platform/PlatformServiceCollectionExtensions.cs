using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Completion;
using Offload.Platform.Enrollments;
using Offload.Platform.Notifications;
using Offload.Platform.MassActions;
using Offload.Platform.Users.Delete;
using Offload.Platform.Users.Export;
using Offload.Platform.Users.Import;
using Offload.Platform.Users.Status;

namespace Offload.Platform;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>The mass actions and their handlers; the host adds the stores, the password hasher and the localizer (.resx).</summary>
    public static IServiceCollection AddOffloadPlatform(this IServiceCollection services)
    {
        services.AddSingleton<UsersImportAction>();
        services.AddSingleton<UsersImportPreviews>();
        services.AddHostedService<ImportPreviewSweeper>();
        services.AddSingleton<UserActions>();
        services.AddSingleton<JobDescriptions>();
        services.AddSingleton<CompletionTexts>();
        services.AddSingleton<IJobCompletionComposer, JobCompletionComposer>();
        services.AddSingleton<IJobHandler, UsersImportHandler>();
        services.AddSingleton<IJobHandler, EnrollHandler>();
        services.AddSingleton<IJobHandler, UnenrollHandler>();
        services.AddSingleton<IJobHandler, UsersStatusHandler>();
        services.AddSingleton<IJobHandler, UsersDeleteHandler>();
        services.AddSingleton<IJobHandler, UsersExportHandler>();
        return services;
    }
}
