using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Offload.Platform.Identity;
using Offload.Platform.Localization;
using Offload.Platform.Users;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>The user form's fields, checked with the same rules as an imported CSV row.</summary>
internal sealed class UserForm : IValidatableObject
{
    public string? Username { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string Language { get; set; } = "en";
    public bool Active { get; set; } = true;
    public string Role { get; set; } = Roles.User;
    public List<long> BranchIds { get; set; } = [];

    [DataType(DataType.Password)]
    public string? Password { get; set; }

    public static UserForm From(User user) => new()
    {
        Username = user.Username,
        Email = user.Email,
        FirstName = user.FirstName,
        LastName = user.LastName,
        Language = user.Language,
        Active = user.Active,
        Role = user.Role,
        BranchIds = [.. user.BranchIds],
    };

    public User ToUser(long id, string? passwordHash) => new()
    {
        Id = id,
        Username = Username!.Trim(),
        Email = Email!.Trim(),
        FirstName = FirstName?.Trim() ?? "",
        LastName = LastName?.Trim() ?? "",
        Language = Language,
        Active = Active,
        Role = Role,
        PasswordHash = passwordHash,
        BranchIds = [.. BranchIds.Distinct()],
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var checks = new (string Field, string? Problem)[]
        {
            (nameof(Username), UserRules.Username(Username?.Trim() ?? "")),
            (nameof(Email), UserRules.Email(Email?.Trim() ?? "")),
            (nameof(FirstName), UserRules.Name(FirstName?.Trim(), "first name")),
            (nameof(LastName), UserRules.Name(LastName?.Trim(), "last name")),
            (nameof(Language), UserRules.Language(Language)),
            (nameof(Role), Roles.IsKnown(Role) ? null : "Choose Superadmin, Power User or User."),
            (nameof(Password), UserRules.Password(string.IsNullOrEmpty(Password) ? null : Password)),
        };
        // The rules speak English (the API and the import share them); the form shows them in the reader's language.
        var t = (IStringLocalizer<SharedResource>?)validationContext.GetService(typeof(IStringLocalizer<SharedResource>));
        foreach (var (field, problem) in checks)
            if (problem is not null) yield return Error(t?[problem] ?? problem, field);
    }

    private static ValidationResult Error(string message, string field) => new(message, [field]);
}
