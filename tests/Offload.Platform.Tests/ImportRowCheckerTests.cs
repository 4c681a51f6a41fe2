using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Platform.Users.Import;

namespace Offload.Platform.Tests;

/// <summary>
/// A row's checks in the order the job and the preview run them — blank line, repeat of an earlier username, field
/// rules — and, end to end from the uploaded file, the error log an admin downloads.
/// </summary>
public sealed class ImportRowCheckerTests : IDisposable
{
    private static readonly Actor Superadmin = new(1, "admin", Roles.Superadmin, []);
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Only_a_row_of_one_empty_value_is_blank()
    {
        Assert.True(ImportRowChecker.IsBlank(new CsvRow(2, [""])));
        Assert.False(ImportRowChecker.IsBlank(new CsvRow(2, ["", ""])));
        Assert.False(ImportRowChecker.IsBlank(new CsvRow(2, [" "])));
        Assert.False(ImportRowChecker.IsBlank(new CsvRow(2, ["ann"])));
    }

    [Fact]
    public void A_repeated_username_is_one_error_with_the_username_as_written_and_its_other_faults_are_not_reported()
    {
        var checker = new ImportRowChecker(new UserRowParser(["email", "username"], new Dictionary<string, long>(), null, Superadmin),
            new DuplicateRows([5], [2]));
        var errors = new List<ItemError>();
        Assert.Null(checker.Check(new CsvRow(5, ["not-an-email", " ANN "]), errors));
        Assert.Equal(new ItemError(5, "username", ImportRowChecker.UsedEarlier, " ANN "), Assert.Single(errors));
        Assert.Equal("The username is already used on an earlier row of this file.", ImportRowChecker.UsedEarlier);
    }

    [Fact]
    public void A_row_that_repeats_nothing_goes_through_the_field_rules()
    {
        var checker = new ImportRowChecker(new UserRowParser(["username", "email"], new Dictionary<string, long>(), null, Superadmin),
            new DuplicateRows([5], [2]));
        var errors = new List<ItemError>();
        Assert.Equal("bob", checker.Check(new CsvRow(4, ["bob", "bob@example.com"]), errors)!.Username);
        Assert.Null(checker.Check(new CsvRow(6, ["cid", "nope"]), errors));
        Assert.Equal(new ItemError(6, "email", "The email address is not valid.", "nope"), Assert.Single(errors));
    }

    [Fact]
    public void From_a_spreadsheet_export_to_the_error_log_every_row_is_either_a_user_or_errors_numbered_as_the_spreadsheet_shows_them()
    {
        var path = _files.Write([0xEF, 0xBB, 0xBF, .. CsvFiles.Utf8(
            "Username;Email;FirstName;Language;Active\r\n" +
            "ann;ann@example.com;\"Ann; \"\"the first\"\"\";en;yes\r\n" +
            "\r\n" +
            "bob;bob@example.com;\"Bob\r\non two lines\";FR;0\r\n" +
            "ANN;ann2@example.com;Ann again;en;yes\r\n" +
            "cid;cid.example.com;Cid;de;perhaps\r\n" +
            "dan;dan@example.com\r\n" +
            "\r\n")]);
        var summary = UsersCsvInspector.Inspect(path, new ImportOptions());
        Assert.Equal(7, summary.Rows);

        var checker = new ImportRowChecker(new UserRowParser(summary.Header, new Dictionary<string, long>(), null, Superadmin), summary.Duplicates);
        var users = new List<ImportedUser>();
        var errors = new List<ItemError>();
        using var csv = UsersCsvFile.Open(path);
        while (csv.TryRead(out var row))
        {
            if (ImportRowChecker.IsBlank(row)) continue;
            if (checker.Check(row, errors) is { } user) users.Add(user);
        }

        Assert.Equal(
        [
            new ImportedUser("ann", "ann@example.com", "Ann; \"the first\"", null, "en", true, null, null),
            new ImportedUser("bob", "bob@example.com", "Bob\r\non two lines", null, "fr", false, null, null),
        ], users);
        Assert.Equal(
        [
            new ItemError(5, "username", "The username is already used on an earlier row of this file.", "ANN"),
            new ItemError(6, "email", "The email address is not valid.", "cid.example.com"),
            new ItemError(6, "language", "The language must be 'en' or 'fr'.", "de"),
            new ItemError(6, "active", "Active must be one of true, false, 1, 0, yes, no.", "perhaps"),
            new ItemError(7, "", "The row does not have as many values as the header has columns.", "dan,dan@example.com"),
        ], errors);
    }
}
