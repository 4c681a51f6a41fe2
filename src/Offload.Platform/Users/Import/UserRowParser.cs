using System.Net.Mail;
using Offload.Jobs;
using Offload.Platform.Identity;

namespace Offload.Platform.Users.Import;

/// <summary>
/// Turns one CSV row into a user to write, or into error rows naming each field at fault. Never throws
/// on bad data: a bad row is the admin's to fix in the log, not a reason to stop the job.
/// </summary>
public sealed class UserRowParser(IReadOnlyList<string> header, IReadOnlyDictionary<string, long> branchIds, IPasswordHasher hasher)
{
    public const int MaxNameLength = 100;
    public const int MinPasswordLength = 8;

    private readonly int _username = UsersCsvInspector.IndexOf(header, ImportColumns.Username);
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
            errors.Add(new ItemError(row.Number, "", $"The row has {row.Values.Length} values but the header has {header.Count} columns.",
                string.Join(",", row.Values)));
            return null;
        }
        void Fail(string field, string message, string? value) => errors.Add(new ItemError(row.Number, field, message, value));

        var username = Get(row, _username)!;
        if (username.Length == 0) Fail(ImportColumns.Username, "The username is required.", username);
        else if (username.Length > MaxNameLength) Fail(ImportColumns.Username, $"The username is longer than {MaxNameLength} characters.", username);
        else if (!username.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
            Fail(ImportColumns.Username, "The username may only contain letters, digits and . _ - @", username);

        var email = Get(row, _email)!;
        if (email.Length == 0) Fail(ImportColumns.Email, "The email is required.", email);
        else if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.Length > 254)
            Fail(ImportColumns.Email, "The email address is not valid.", email);

        var firstName = Get(row, _firstName);
        if (firstName?.Length > MaxNameLength) Fail(ImportColumns.FirstName, $"The first name is longer than {MaxNameLength} characters.", firstName);
        var lastName = Get(row, _lastName);
        if (lastName?.Length > MaxNameLength) Fail(ImportColumns.LastName, $"The last name is longer than {MaxNameLength} characters.", lastName);

        var language = NullIfEmpty(Get(row, _language))?.ToLowerInvariant();
        if (language is not (null or "en" or "fr")) Fail(ImportColumns.Language, "The language must be 'en' or 'fr'.", Get(row, _language));

        var activeText = NullIfEmpty(Get(row, _active));
        var active = ParseFlag(activeText);
        if (activeText is not null && active is null)
            Fail(ImportColumns.Active, "Active must be one of true, false, 1, 0, yes, no.", activeText);

        long? branchId = null;
        if (NullIfEmpty(Get(row, _branch)) is { } branch)
        {
            if (branchIds.TryGetValue(branch, out var id)) branchId = id;
            else Fail(ImportColumns.Branch, $"The branch '{branch}' does not exist.", branch);
        }

        // Passwords are taken as typed (no trim) and never echoed into the error log.
        var password = _password < 0 ? null : NullIfEmpty(row.Values[_password]);
        if (password is not null && password.Length < MinPasswordLength)
            Fail(ImportColumns.Password, $"The password must have at least {MinPasswordLength} characters.", null);

        if (errors.Count > before) return null;
        return new ImportedUser(username, email, firstName, lastName, language, active,
            password is null ? null : hasher.Hash(password), branchId);
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
