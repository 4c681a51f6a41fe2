using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Platform.Users.Import;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>The user form's fields, checked with the same rules as an imported CSV row.</summary>
internal sealed class UserInput : IValidatableObject
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

    public static UserInput From(User user) => new()
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
        const int max = UserRowParser.MaxNameLength;
        var username = Username?.Trim() ?? "";
        if (username.Length == 0) yield return Error("The username is required.", nameof(Username));
        else if (username.Length > max) yield return Error($"The username is longer than {max} characters.", nameof(Username));
        else if (!username.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
            yield return Error("The username may only contain letters, digits and . _ - @", nameof(Username));

        var email = Email?.Trim() ?? "";
        if (email.Length == 0) yield return Error("The email is required.", nameof(Email));
        else if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 254)
            yield return Error("The email address is not valid.", nameof(Email));

        if (FirstName?.Trim().Length > max) yield return Error($"The first name is longer than {max} characters.", nameof(FirstName));
        if (LastName?.Trim().Length > max) yield return Error($"The last name is longer than {max} characters.", nameof(LastName));
        if (Language is not ("en" or "fr")) yield return Error("The language must be English or French.", nameof(Language));
        if (!Roles.IsKnown(Role)) yield return Error("Choose Superadmin, Power User or User.", nameof(Role));
        if (Password is { Length: > 0 and < UserRowParser.MinPasswordLength })
            yield return Error($"The password must have at least {UserRowParser.MinPasswordLength} characters.", nameof(Password));
    }

    private static ValidationResult Error(string message, string field) => new(message, [field]);
}
