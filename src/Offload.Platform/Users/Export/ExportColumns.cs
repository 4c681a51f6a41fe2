namespace Offload.Platform.Users.Export;

/// <summary>The columns a users export may hold, in the order they are written by default.</summary>
public static class ExportColumns
{
    public static readonly IReadOnlyList<string> All =
        ["id", "username", "email", "firstname", "lastname", "language", "active", "role", "branches"];

    public static string Value(User user, string column, IReadOnlyDictionary<long, string> branchNames) => column switch
    {
        "id" => user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "username" => user.Username,
        "email" => user.Email,
        "firstname" => user.FirstName,
        "lastname" => user.LastName,
        "language" => user.Language,
        "active" => user.Active ? "true" : "false",
        "role" => user.Role,
        "branches" => string.Join(";", user.BranchIds.Select(b => branchNames.GetValueOrDefault(b, "")).Order()),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Unknown export column."),
    };
}
