using Microsoft.Extensions.Localization;
using Offload.Platform.Enrollments.Enroll;
using Offload.Platform.Enrollments.Unenroll;
using Offload.Platform.Localization;
using Offload.Platform.MassActions.Undo;
using Offload.Platform.Users.Delete;
using Offload.Platform.Users.Export;
using Offload.Platform.Users.Import;
using Offload.Platform.Users.Status;

namespace Offload.Platform.Notifications;

/// <summary>What each job kind is called for people, in the current culture; an unknown kind shows as itself.</summary>
public static class JobKindNames
{
    private static readonly Dictionary<string, string> Names = new()
    {
        [UsersImportHandler.KindName] = "Users import",
        [EnrollHandler.KindName] = "Enrollment",
        [UnenrollHandler.KindName] = "Unenrollment",
        [UsersStatusHandler.KindName] = "Activation / deactivation",
        [UsersDeleteHandler.KindName] = "Users deletion",
        [UsersExportHandler.KindName] = "Users export",
        [UndoHandler.KindName] = "Undo of a job",
    };

    public static string Name(IStringLocalizer<SharedResource> t, string kind) =>
        Names.TryGetValue(kind, out var english) ? t[english] : kind;
}
