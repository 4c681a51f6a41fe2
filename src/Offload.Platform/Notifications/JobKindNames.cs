using Microsoft.Extensions.Localization;
using Offload.Platform.Localization;

namespace Offload.Platform.Notifications;

/// <summary>What each job kind is called for people, in the current culture; an unknown kind shows as itself.</summary>
public static class JobKindNames
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["users.import"] = "Users import",
        ["enrollments.create"] = "Enrollment",
        ["enrollments.delete"] = "Unenrollment",
        ["users.status"] = "Activation / deactivation",
        ["users.delete"] = "Users deletion",
        ["users.export"] = "Users export",
    };

    public static string Name(IStringLocalizer<SharedResource> t, string kind) =>
        Names.TryGetValue(kind, out var english) ? t[english] : kind;
}
