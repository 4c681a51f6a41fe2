using Offload.Jobs;
using Offload.Platform.Identity;

namespace Offload.Platform.Users.Import;

/// <summary>
/// Turns one CSV row into a user to write, or into error rows naming each field at fault. Never throws
/// on bad data: a bad row is the admin's to fix in the log, not a reason to stop the job. Messages never embed
/// the row's own values (those go in the error's value): rows with the same fault share one message, which
/// is how a preview groups them.
/// </summary>
/// <param name="hasher">Null in a preview: passwords are still checked, but not hashed (the slow part, and nothing needs the hash).</param>
public sealed class UserRowParser(IReadOnlyList<string> header, IReadOnlyDictionary<string, long> branchIds, IPasswordHasher? hasher, Actor actor)
{
    private const string WrongValueCount = "The row does not have as many values as the header has columns.";

    private readonly int _username = UsersCsvInspector.IndexOf(header, ImportColumns.Username);

    /// <summary>Where the username is in a row (the header requires the column).</summary>
    internal int UsernameAt => _username;
    private readonly int _email = UsersCsvInspector.IndexOf(header, ImportColumns.Email);
    private readonly int _firstName = UsersCsvInspector.IndexOf(header, ImportColumns.FirstName);
    private readonly int _lastName = UsersCsvInspector.IndexOf(header, ImportColumns.LastName);
    private readonly int _branch = UsersCsvInspector.IndexOf(header, ImportColumns.Branch);
    private readonly int _language = UsersCsvInspector.IndexOf(header, ImportColumns.Language);
    private readonly int _active = UsersCsvInspector.IndexOf(header, ImportColumns.Active);
    private readonly int _password = UsersCsvInspector.IndexOf(header, ImportColumns.Password);

    /// <summary>The user the row describes, or null after adding at least one error to <paramref name="errors"/>.</summary>
    public ImportedUser? Parse(CsvRow row, List<ItemError> errors)
    {
        var before = errors.Count;
        if (row.Values.Length != header.Count)
        {
            errors.Add(new ItemError(row.Number, "", WrongValueCount,
                string.Join(",", row.Values)));
            return null;
        }
        void Fail(string field, string message, string? value) => errors.Add(new ItemError(row.Number, field, message, value));

        void Check(string field, string? problem, string? value)
        {
            if (problem is not null) Fail(field, problem, value);
        }

        var username = Get(row, _username)!;
        Check(ImportColumns.Username, UserRules.Username(username), username);
        var email = Get(row, _email)!;
        Check(ImportColumns.Email, UserRules.Email(email), email);
        var firstName = Get(row, _firstName);
        Check(ImportColumns.FirstName, UserRules.Name(firstName, "first name"), firstName);
        var lastName = Get(row, _lastName);
        Check(ImportColumns.LastName, UserRules.Name(lastName, "last name"), lastName);
        var language = NullIfEmpty(Get(row, _language))?.ToLowerInvariant();
        Check(ImportColumns.Language, UserRules.Language(language), Get(row, _language));

        var activeText = NullIfEmpty(Get(row, _active));
        var active = ParseFlag(activeText);
        if (activeText is not null && active is null)
            Fail(ImportColumns.Active, "Active must be one of true, false, 1, 0, yes, no.", activeText);

        long? branchId = null;
        if (NullIfEmpty(Get(row, _branch)) is { } branch)
        {
            if (!branchIds.TryGetValue(branch, out var id)) Fail(ImportColumns.Branch, "The branch does not exist.", branch);
            else if (!actor.IsSuperadmin && !actor.BranchIds.Contains(id)) Fail(ImportColumns.Branch, "The branch is outside your branches.", branch);
            else branchId = id;
        }
        else if (!actor.IsSuperadmin)
        {
            // A Power User's new users must land inside their scope: their only branch, or the one the row names.
            if (actor.BranchIds.Count == 1) branchId = actor.BranchIds[0];
            else Fail(ImportColumns.Branch, "The branch is required: name one of your branches.", "");
        }

        // Passwords are taken as typed (no trim) and never echoed into the error log.
        var password = _password < 0 ? null : NullIfEmpty(row.Values[_password]);
        Check(ImportColumns.Password, UserRules.Password(password), null);

        if (errors.Count > before) return null;
        return new ImportedUser(username, email, firstName, lastName, language, active,
            password is null ? null : hasher?.Hash(password), branchId);
    }

    private static string? Get(CsvRow row, int index) => index < 0 ? null : row.Values[index].Trim();

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool? ParseFlag(string? value) => value?.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => null,
    };
}
