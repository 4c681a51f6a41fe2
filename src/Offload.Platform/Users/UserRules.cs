using System.Net.Mail;
using Offload.Platform.Branches;

namespace Offload.Platform.Users;

/// <summary>
/// What makes a username, email, name, language, password or branch choice acceptable — one set of rules for the API,
/// the user form and the import. Each surface words its own field names; the messages are the rules'.
/// </summary>
public static class UserRules
{
    public const int MaxNameLength = 100;
    public const int MinPasswordLength = 8;

    /// <summary>Null when fine, else what is wrong, in words for an admin.</summary>
    public static string? Username(string username)
    {
        if (username.Length == 0) return "The username is required.";
        if (username.Length > MaxNameLength) return $"The username is longer than {MaxNameLength} characters.";
        return username.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@')
            ? null
            : "The username may only contain letters, digits and . _ - @";
    }

    public static string? Email(string email)
    {
        if (email.Length == 0) return "The email is required.";
        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Length <= 254
            ? null
            : "The email address is not valid.";
    }

    public static string? Name(string? name, string what) =>
        name?.Length > MaxNameLength ? $"The {what} is longer than {MaxNameLength} characters." : null;

    public static string? Language(string? language) =>
        language is null or "en" or "fr" ? null : "The language must be 'en' or 'fr'.";

    public static string? Password(string? password) =>
        password is null || password.Length >= MinPasswordLength ? null : $"The password must have at least {MinPasswordLength} characters.";

    /// <summary>
    /// Whether every one of <paramref name="branchIds"/> names a branch of <paramref name="existing"/>. Branches are never
    /// deleted (no endpoint or page removes one), so a check before the write holds at the write.
    /// </summary>
    public static bool BranchesExist(IEnumerable<long> branchIds, IEnumerable<Branch> existing)
    {
        var known = existing.Select(b => b.Id).ToHashSet();
        return branchIds.All(known.Contains);
    }
}
