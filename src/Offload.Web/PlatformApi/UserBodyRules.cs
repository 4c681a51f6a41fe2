using Offload.Platform.Branches;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.PlatformApi;

/// <summary>Checks a user body field by field; the first problem becomes a 400 naming its field.</summary>
internal static class UserBodyRules
{
    public static IResult? Check(UserBody input)
    {
        var checks = new (string Field, string? Problem)[]
        {
            ("username", UserRules.Username(input.Username?.Trim() ?? "")),
            ("email", UserRules.Email(input.Email?.Trim() ?? "")),
            ("firstName", UserRules.Name(input.FirstName, "first name")),
            ("lastName", UserRules.Name(input.LastName, "last name")),
            ("language", UserRules.Language(input.Language)),
            ("role", input.Role is null || Roles.IsKnown(input.Role) ? null : "The role must be superadmin, poweruser or user."),
            ("password", UserRules.Password(input.Password)),
            ("branchIds", input.BranchIds?.Any(b => b <= 0) == true ? "Branch ids are positive numbers." : null),
        };
        return checks.FirstOrDefault(c => c.Problem is not null) is { Problem: { } problem } bad
            ? Problems.Result(400, "Check the " + bad.Field, problem, bad.Field)
            : null;
    }

    /// <summary>A 400 naming branchIds when one does not exist, instead of the foreign key's 500.</summary>
    public static async Task<IResult?> CheckBranchesAsync(UserBody input, IBranchStore branches, CancellationToken ct)
    {
        if (input.BranchIds is not { Count: > 0 } wanted) return null;
        return UserRules.BranchesExist(wanted, await branches.ListAsync(new ListBranchesRequest(), ct))
            ? null
            : Problems.Result(400, "Check the branchIds", "One of the branches does not exist; GET /api/branches lists them.", "branchIds");
    }

    public static User ToUser(UserBody input, long id, IPasswordHasher hasher) => new()
    {
        Id = id,
        Username = input.Username!.Trim(),
        Email = input.Email!.Trim(),
        FirstName = input.FirstName?.Trim() ?? "",
        LastName = input.LastName?.Trim() ?? "",
        Language = input.Language ?? "en",
        Active = input.Active ?? true,
        Role = input.Role ?? Roles.User,
        PasswordHash = string.IsNullOrEmpty(input.Password) ? null : hasher.Hash(input.Password),
        BranchIds = input.BranchIds?.Distinct().ToList() ?? [],
    };
}
