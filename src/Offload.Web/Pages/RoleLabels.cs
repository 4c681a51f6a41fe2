using Microsoft.Extensions.Localization;
using Offload.Platform.Identity;

namespace Offload.Web.Pages;

/// <summary>Role names as people read them; JSON and the database keep the short ones.</summary>
internal static class RoleLabels
{
    public static readonly IReadOnlyList<string> All = [Roles.Superadmin, Roles.PowerUser, Roles.User];

    public static string For(IStringLocalizer t, string role) => role switch
    {
        Roles.Superadmin => t["Superadmin"],
        Roles.PowerUser => t["Power User"],
        _ => t["User"],
    };
}
