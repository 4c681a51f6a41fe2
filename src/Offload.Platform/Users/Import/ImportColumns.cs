namespace Offload.Platform.Users.Import;

/// <summary>The header names a users CSV may use (case-insensitive), SPEC §3.</summary>
public static class ImportColumns
{
    public const string Username = "username";
    public const string Email = "email";
    public const string FirstName = "firstname";
    public const string LastName = "lastname";
    public const string Branch = "branch";
    public const string Language = "language";
    public const string Active = "active";
    public const string Password = "password";

    /// <summary>
    /// The last column of a failed-rows file (SPEC §10): accepted and ignored, so an admin fixes the rows in a
    /// spreadsheet and uploads the file back as it is.
    /// </summary>
    public const string Error = "error";

    public static readonly IReadOnlyList<string> Required = [Username, Email];

    public static readonly IReadOnlyList<string> All = [Username, Email, FirstName, LastName, Branch, Language, Active, Password];
}
