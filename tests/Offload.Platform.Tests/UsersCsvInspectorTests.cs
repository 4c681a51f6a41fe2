using Offload.Platform.Users.Import;

namespace Offload.Platform.Tests;

/// <summary>The upload check: what refuses a file whole (the problem an admin reads), what it counts, which rows repeat a username.</summary>
public sealed class UsersCsvInspectorTests : IDisposable
{
    private static readonly ImportOptions Limits = new() { MaxRows = 5 };
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private ImportFileSummary Inspect(string text, ImportOptions? limits = null) =>
        UsersCsvInspector.Inspect(_files.Write(text), limits ?? Limits);

    private RequestRejectedException Refused(byte[] bytes) =>
        Assert.Throws<RequestRejectedException>(() => UsersCsvInspector.Inspect(_files.Write(bytes), Limits));

    private RequestRejectedException Refused(string text) => Refused(CsvFiles.Utf8(text));

    [Fact]
    public void A_zero_byte_file_is_refused_as_empty()
    {
        var refused = Refused([]);
        Assert.Equal(("The file is empty", "The uploaded file has no content.", "file", 400),
            (refused.Title, refused.Message, refused.Field, refused.Status));
    }

    [Theory]
    [InlineData("username,email\n")]
    [InlineData("username,email")]
    [InlineData("username,email\r\n")]
    public void A_header_without_rows_is_refused(string text)
    {
        var refused = Refused(text);
        Assert.Equal(("The file has no rows", "The CSV file has a header but no user rows.", "file"), (refused.Title, refused.Message, refused.Field));
    }

    [Fact]
    public void An_unknown_column_is_named_in_the_field_and_the_allowed_columns_are_listed()
    {
        var refused = Refused("username,email,age\nann,ann@example.com,3\n");
        Assert.Equal(("The file has an unknown column", "age"), (refused.Title, refused.Field));
        Assert.Equal("Column 'age' is not known. Allowed columns: username, email, firstname, lastname, branch, language, active, password.", refused.Message);
        // The detail stays a format, so the answer can be worded in the reader's language.
        Assert.Equal("Column '{0}' is not known. Allowed columns: {1}.", refused.Detail);
    }

    [Fact]
    public void A_very_long_unknown_column_name_is_quoted_back_cut_short()
    {
        var name = new string('q', 500);
        var refused = Refused($"username,email,{name}\nann,ann@example.com,1\n");
        Assert.Equal(new string('q', 60) + "…", refused.Field);
        Assert.DoesNotContain(name, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_names_match_whatever_their_case_and_surrounding_spaces()
    {
        var summary = Inspect("UserName , EMAIL,FirstName\nann,ann@example.com,Ann\n");
        Assert.Equal(["username", "email", "firstname"], summary.Header);
        Assert.Equal(1, summary.Rows);
    }

    [Fact]
    public void A_column_given_twice_whatever_its_case_is_refused()
    {
        var refused = Refused("username,email,Username\nann,ann@example.com,x\n");
        Assert.Equal(("The file has a duplicate column", "username"), (refused.Title, refused.Field));
        Assert.Equal("Column 'username' appears more than once in the header.", refused.Message);
    }

    [Theory]
    [InlineData("username,firstname\nann,Ann\n", "email")]
    [InlineData("email,firstname\nann@example.com,Ann\n", "username")]
    [InlineData("username\nann\n", "email")]
    public void A_missing_required_column_is_named(string text, string column)
    {
        var refused = Refused(text);
        Assert.Equal(("The file misses a required column", column), (refused.Title, refused.Field));
        Assert.Equal($"The header must contain a '{column}' column.", refused.Message);
    }

    [Fact]
    public void A_file_that_is_not_CSV_but_JSON_is_refused_for_its_header()
    {
        var refused = Refused("{\"username\": \"ann\", \"email\": \"ann@example.com\"}\n");
        Assert.Equal("The file has an unknown column", refused.Title);
    }

    [Fact]
    public void The_row_limit_is_inclusive_and_one_row_more_refuses_the_file()
    {
        var five = "username,email\n" + string.Concat(Enumerable.Range(0, 5).Select(i => $"u{i},u{i}@example.com\n"));
        Assert.Equal(5, Inspect(five).Rows);
        var refused = Refused(five + "u5,u5@example.com\n");
        Assert.Equal(("The file has too many rows", "file"), (refused.Title, refused.Field));
        Assert.Equal("A users CSV may hold at most 5 rows; split the file and import each part.", refused.Message);
    }

    [Fact]
    public void The_row_limit_is_written_with_thousands_separators()
    {
        var refused = Assert.Throws<RequestRejectedException>(() =>
            UsersCsvInspector.Inspect(_files.Write("username,email\na,a@example.com\nb,b@example.com\n"), new ImportOptions { MaxRows = 1 }));
        Assert.Equal("A users CSV may hold at most 1 rows; split the file and import each part.", refused.Message);
        Assert.Equal([1L], refused.DetailArgs);
        Assert.Equal("A users CSV may hold at most 1,000,000 rows; split the file and import each part.",
            string.Format(System.Globalization.CultureInfo.InvariantCulture, refused.Detail, 1_000_000L));
    }

    [Fact]
    public void A_NUL_character_refuses_the_file_naming_its_row()
    {
        var refused = Refused("username,email,firstname\nann,ann@example.com,A\nbob,bob@example.com,a\0b\n");
        Assert.Equal(("The file is not a CSV text file", "file"), (refused.Title, refused.Field));
        Assert.Equal("Row 3 contains a binary (NUL) character.", refused.Message);
    }

    [Fact]
    public void Rows_count_every_record_blank_lines_included_and_a_quoted_line_break_is_not_a_row()
    {
        var summary = Inspect("username;email;firstname\r\nann;ann@example.com;\"two\r\nlines\"\r\n\r\nbob;bob@example.com;B\r\n\r\n");
        Assert.Equal(';', summary.Delimiter);
        Assert.Equal(4, summary.Rows);
        Assert.Equal(0, summary.Duplicates.Count);
    }

    [Fact]
    public void Each_repeat_of_a_username_points_to_its_first_row_whatever_its_case_and_spaces()
    {
        var summary = Inspect("email,username\na@example.com,ann\nb@example.com,bob\nc@example.com,ANN\nd@example.com, ann \ne@example.com,bob\n");
        Assert.Equal(3, summary.Duplicates.Count);
        Assert.Equal([(4L, 2L), (5L, 2L), (6L, 3L)], new long[] { 4, 5, 6 }.Select(r => (r, First(summary.Duplicates, r))));
        Assert.False(summary.Duplicates.TryGetFirst(2, out _));
        Assert.False(summary.Duplicates.TryGetFirst(3, out _));
    }

    [Fact]
    public void Rows_without_a_username_are_never_duplicates_of_each_other()
    {
        var summary = Inspect("username,email\n,a@example.com\n  ,b@example.com\n\n\"\",c@example.com\n");
        Assert.Equal(0, summary.Duplicates.Count);
        Assert.Equal(4, summary.Rows);
    }

    [Fact]
    public void Long_usernames_repeated_are_found_like_short_ones()
    {
        var longName = new string('l', 300);
        var summary = Inspect($"username,email\n{longName},a@example.com\n{longName.ToUpperInvariant()},b@example.com\n{longName}x,c@example.com\n");
        Assert.Equal(1, summary.Duplicates.Count);
        Assert.Equal(2L, First(summary.Duplicates, 3));
    }

    [Fact]
    public void A_row_shorter_than_the_header_before_the_username_column_is_counted_and_not_a_duplicate()
    {
        var summary = Inspect("email,username\na@example.com\nb@example.com\n");
        Assert.Equal((2L, 0), (summary.Rows, summary.Duplicates.Count));
    }

    private static long First(DuplicateRows duplicates, long row)
    {
        Assert.True(duplicates.TryGetFirst(row, out var first), $"row {row} should repeat an earlier one");
        return first;
    }
}
