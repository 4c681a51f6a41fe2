using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Completion;
using Offload.Platform.Enrollments.Enroll;
using Offload.Platform.Enrollments.Unenroll;
using Offload.Platform.MassActions;
using Offload.Platform.MassActions.Undo;
using Offload.Platform.Notifications;
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
        services.AddSingleton<IJobHandler, UsersImportHandler>();
        services.AddSingleton<SelectionJobs>();
        services.AddSingleton<JobRetries>();
        services.AddSelectionAction<EnrollInput, EnrollAction, EnrollHandler>();
        services.AddSelectionAction<UnenrollInput, UnenrollAction, UnenrollHandler>();
        services.AddSelectionAction<UsersStatusInput, UsersStatusAction, UsersStatusHandler>();
        services.AddSelectionAction<UsersDeleteInput, UsersDeleteAction, UsersDeleteHandler>();
        services.AddSelectionAction<UsersExportInput, UsersExportAction, UsersExportHandler>();
        services.AddOffloadUndo();
        services.AddSingleton<JobDescriptions>();
        services.AddSingleton<CompletionTexts>();
        services.AddSingleton<IJobCompletionComposer, JobCompletionComposer>();
        return services;
    }

    /// <summary>Change records and the undo: one reverter per undoable kind.</summary>
    private static void AddOffloadUndo(this IServiceCollection services)
    {
        services.AddSingleton<ChangeRecorder>();
        services.AddSingleton<JobUndo>();
        services.AddSingleton<IJobHandler, UndoHandler>();
        services.AddSingleton<IChangeReverter, EnrollReverter>();
        services.AddSingleton<IChangeReverter, UnenrollReverter>();
        services.AddSingleton<IChangeReverter, UsersStatusReverter>();
        services.AddSingleton<IChangeReverter, ImportReverter>();
    }

    /// <summary>A mass action on a selection: how it starts and previews (<see cref="ISelectionAction{TInput}"/>), and its job's handler.</summary>
    private static void AddSelectionAction<TInput, TAction, THandler>(this IServiceCollection services)
        where TAction : class, ISelectionAction<TInput>
        where THandler : class, IJobHandler
    {
        services.AddSingleton<ISelectionAction<TInput>, TAction>();
        services.AddSingleton<IJobHandler, THandler>();
    }
}
