namespace Offload.Platform.Identity;

/// <summary>The three roles of SPEC §1, as they appear in JSON and in the database.</summary>
public static class Roles
{
    public const string Superadmin = "superadmin";
    public const string PowerUser = "poweruser";
    public const string User = "user";

    public static bool IsKnown(string? role) => role is Superadmin or PowerUser or User;

    /// <summary>Superadmins and Power Users run mass actions and see background jobs (seed point 2).</summary>
    public static bool MayRunJobs(string role) => role is Superadmin or PowerUser;
}
