using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Platform.Users.Import;

namespace Offload.Platform.Tests;

/// <summary>
/// One row's fields against their rules: what the error log shows an admin (row, field, message, value), and the
/// user written when the row is good. A message never holds the row's own value, so a preview can group rows by it.
/// </summary>
public sealed class UserRowParserTests
{
    private static readonly string[] AllColumns = ["username", "email", "firstname", "lastname", "language", "active", "branch", "password"];
    private static readonly Dictionary<string, long> Branches = new() { ["Paris"] = 1, ["Lyon"] = 2, ["Nice"] = 3 };
    private static readonly Actor Superadmin = new(1, "admin", Roles.Superadmin, []);
    private static readonly Actor ParisManager = new(2, "paris.manager", Roles.PowerUser, [1]);
    private static readonly Actor SouthManager = new(3, "south.manager", Roles.PowerUser, [2, 3]);

    private sealed class FakeHasher : IPasswordHasher
    {
        public string Hash(string password) => "hashed:" + password;

        public bool Verify(string hash, string password) => hash == Hash(password);
    }

    private static (ImportedUser? User, List<ItemError> Errors) Parse(string[] values, Actor? actor = null, string[]? header = null,
        IPasswordHasher? hasher = null, long number = 2)
    {
        var parser = new UserRowParser(header ?? AllColumns, Branches, hasher ?? new FakeHasher(), actor ?? Superadmin);
        var errors = new List<ItemError>();
        return (parser.Parse(new CsvRow(number, values), errors), errors);
    }

    /// <summary>A good row with one column changed.</summary>
    private static string[] Row(string column, string value)
    {
        string[] values = ["ann", "ann@example.com", "Ann", "Lee", "en", "yes", "", "long-enough"];
        values[Array.IndexOf(AllColumns, column)] = value;
        return values;
    }

    [Fact]
    public void A_good_row_becomes_the_user_with_values_trimmed_language_lower_cased_and_the_password_hashed_as_typed()
    {
        var (user, errors) = Parse([" ann ", " ann@example.com", " Ann ", "Lee ", " FR ", " Yes ", " Lyon ", " pass word "]);
        Assert.Empty(errors);
        Assert.Equal(new ImportedUser("ann", "ann@example.com", "Ann", "Lee", "fr", true, "hashed: pass word ", 2), user);
    }

    [Fact]
    public void Empty_flags_and_absent_columns_stay_untouched_and_an_empty_name_is_written_empty()
    {
        var (empty, _) = Parse(["ann", "ann@example.com", "", "", "", "", "", ""]);
        Assert.Equal(new ImportedUser("ann", "ann@example.com", "", "", null, null, null, null), empty);
        var (absent, _) = Parse(["ann", "ann@example.com"], header: ["username", "email"]);
        Assert.Equal(new ImportedUser("ann", "ann@example.com", null, null, null, null, null, null), absent);
    }

    [Fact]
    public void A_preview_checks_the_password_without_hashing_it()
    {
        var parser = new UserRowParser(AllColumns, Branches, hasher: null, Superadmin);
        var errors = new List<ItemError>();
        Assert.Null(parser.Parse(new CsvRow(2, Row("password", "long-enough")), errors)!.PasswordHash);
        Assert.Null(parser.Parse(new CsvRow(3, Row("password", "short")), errors));
        Assert.Equal("password", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("username", "", "The username is required.")]
    [InlineData("username", "bad name", "The username may only contain letters, digits and . _ - @")]
    [InlineData("username", "ann;drop", "The username may only contain letters, digits and . _ - @")]
    [InlineData("username", "=cmd", "The username may only contain letters, digits and . _ - @")]
    [InlineData("email", "", "The email is required.")]
    [InlineData("email", "not-an-email", "The email address is not valid.")]
    [InlineData("email", "Ann <ann@example.com>", "The email address is not valid.")]
    [InlineData("email", "ann@example.com, bob@example.com", "The email address is not valid.")]
    [InlineData("language", "de", "The language must be 'en' or 'fr'.")]
    [InlineData("language", "français", "The language must be 'en' or 'fr'.")]
    [InlineData("active", "maybe", "Active must be one of true, false, 1, 0, yes, no.")]
    [InlineData("active", "oui", "Active must be one of true, false, 1, 0, yes, no.")]
    [InlineData("branch", "Atlantis", "The branch does not exist.")]
    public void A_bad_value_is_one_error_naming_its_field_with_the_value_beside_the_message_not_in_it(string column, string value, string message)
    {
        var (user, errors) = Parse(Row(column, value), number: 7);
        Assert.Null(user);
        Assert.Equal(new ItemError(7, column, message, value), Assert.Single(errors));
        if (value.Length > 0) Assert.DoesNotContain(value, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("username", "The username is longer than 100 characters.")]
    [InlineData("firstname", "The first name is longer than 100 characters.")]
    [InlineData("lastname", "The last name is longer than 100 characters.")]
    public void A_value_past_100_characters_is_refused_and_100_is_accepted(string column, string message)
    {
        Assert.Empty(Parse(Row(column, new string('a', 100))).Errors);
        var tooLong = new string('a', 101);
        Assert.Equal(new ItemError(2, column, message, tooLong), Assert.Single(Parse(Row(column, tooLong)).Errors));
    }

    [Fact]
    public void An_email_longer_than_254_characters_is_refused()
    {
        var email = new string('a', 64) + "@" + string.Join(".", Enumerable.Repeat(new string('b', 60), 3)) + ".example.com";
        Assert.True(email.Length > 254);
        Assert.Equal("The email address is not valid.", Assert.Single(Parse(Row("email", email)).Errors).Message);
    }

    [Fact]
    public void The_language_error_shows_the_value_as_written()
    {
        Assert.Equal(new ItemError(2, "language", "The language must be 'en' or 'fr'.", "DE"), Assert.Single(Parse(Row("language", " DE ")).Errors));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("Yes", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("NO", false)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    public void Active_reads_the_six_flag_words_in_any_case_and_empty_leaves_it_untouched(string text, bool? active)
    {
        var (user, errors) = Parse(Row("active", text));
        Assert.Empty(errors);
        Assert.Equal(active, user!.Active);
    }

    [Fact]
    public void A_short_password_is_an_error_that_never_shows_the_password()
    {
        var (user, errors) = Parse(Row("password", "abc"));
        Assert.Null(user);
        Assert.Equal(new ItemError(2, "password", "The password must have at least 8 characters.", null), Assert.Single(errors));
    }

    [Fact]
    public void A_password_is_taken_as_typed_so_spaces_count_towards_its_length()
    {
        Assert.Empty(Parse(Row("password", "  abcd  ")).Errors);
        Assert.Single(Parse(Row("password", " abcd ")).Errors);
    }

    [Fact]
    public void Every_fault_of_a_row_is_its_own_error_in_column_order()
    {
        var (user, errors) = Parse(["bad name", "nope", "Ann", "Lee", "de", "maybe", "Atlantis", "abc"], number: 9);
        Assert.Null(user);
        Assert.Equal(
        [
            ("username", "bad name"), ("email", "nope"), ("language", "de"), ("active", "maybe"), ("branch", "Atlantis"), ("password", null),
        ], errors.Select(e => (e.Field, e.Value)));
        Assert.All(errors, e => Assert.Equal(9, e.Row));
    }

    [Fact]
    public void Rows_with_the_same_fault_share_one_message_whatever_their_values()
    {
        var first = Assert.Single(Parse(Row("email", "one@")).Errors);
        var second = Assert.Single(Parse(Row("email", "@two")).Errors);
        Assert.Equal(first.Message, second.Message);
        Assert.NotEqual(first.Value, second.Value);
    }

    public static TheoryData<string[]> WrongValueCounts =>
    [
        ["ann", "ann@example.com"],
        ["ann", "ann@example.com", "Ann", "Lee", "en", "yes", "", "long-enough", "extra"],
    ];

    [Theory]
    [MemberData(nameof(WrongValueCounts))]
    public void A_row_with_another_count_of_values_than_the_header_is_one_error_with_the_row_as_value(string[] values)
    {
        var (user, errors) = Parse(values);
        Assert.Null(user);
        Assert.Equal(new ItemError(2, "", "The row does not have as many values as the header has columns.", string.Join(",", values)),
            Assert.Single(errors));
    }

    [Fact]
    public void A_Power_User_may_name_only_their_own_branches()
    {
        Assert.Equal(2L, Parse(Row("branch", "Lyon"), SouthManager).User!.BranchId);
        Assert.Equal(new ItemError(2, "branch", "The branch is outside your branches.", "Paris"),
            Assert.Single(Parse(Row("branch", "Paris"), SouthManager).Errors));
    }

    [Fact]
    public void A_Power_User_with_one_branch_puts_a_row_without_branch_in_it_and_with_several_must_name_one()
    {
        Assert.Equal(1L, Parse(Row("branch", ""), ParisManager).User!.BranchId);
        Assert.Equal(1L, Parse(["ann", "ann@example.com"], ParisManager, header: ["username", "email"]).User!.BranchId);
        Assert.Equal(new ItemError(2, "branch", "The branch is required: name one of your branches.", ""),
            Assert.Single(Parse(Row("branch", ""), SouthManager).Errors));
    }

    [Fact]
    public void A_Superadmin_may_name_any_branch_or_none()
    {
        Assert.Equal(1L, Parse(Row("branch", "Paris")).User!.BranchId);
        Assert.Null(Parse(Row("branch", "")).User!.BranchId);
    }

    [Fact]
    public void The_username_column_may_be_anywhere_in_the_header()
    {
        var parser = new UserRowParser(["email", "firstname", "username"], Branches, null, Superadmin);
        Assert.Equal(2, parser.UsernameAt);
        var user = parser.Parse(new CsvRow(2, ["ann@example.com", "Ann", "ann"]), []);
        Assert.Equal(("ann", "ann@example.com", "Ann"), (user!.Username, user.Email, user.FirstName));
    }
}
