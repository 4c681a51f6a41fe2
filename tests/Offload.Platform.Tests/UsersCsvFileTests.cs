using System.Text;
using Offload.Platform.Users.Import;

namespace Offload.Platform.Tests;

/// <summary>How an uploaded file is read: the encoding it must have, its delimiter, quoting, line ends and row numbers.</summary>
public sealed class UsersCsvFileTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private (UsersCsvFile File, List<CsvRow> Rows) ReadAll(byte[] bytes)
    {
        var csv = UsersCsvFile.Open(_files.Write(bytes));
        var rows = new List<CsvRow>();
        while (csv.TryRead(out var row)) rows.Add(row);
        csv.Dispose();
        return (csv, rows);
    }

    private (UsersCsvFile File, List<CsvRow> Rows) ReadAll(string text) => ReadAll(CsvFiles.Utf8(text));

    [Fact]
    public void Header_names_are_trimmed_and_lower_cased_and_rows_numbered_as_a_spreadsheet_shows_them()
    {
        var (csv, rows) = ReadAll(" UserName , EMAIL \nann,ann@example.com\nbob,bob@example.com\n");
        Assert.Equal(["username", "email"], csv.Header);
        Assert.Equal(',', csv.Delimiter);
        Assert.Equal([2L, 3L], rows.Select(r => r.Number));
        Assert.Equal(["ann", "ann@example.com"], rows[0].Values);
        Assert.Equal(2, csv.RowsRead);
    }

    [Fact]
    public void A_header_with_more_semicolons_than_commas_makes_semicolon_the_delimiter_and_commas_stay_in_values()
    {
        var (csv, rows) = ReadAll("username;email;firstname\nann;ann@example.com;Smith, John\n");
        Assert.Equal(';', csv.Delimiter);
        Assert.Equal(["ann", "ann@example.com", "Smith, John"], Assert.Single(rows).Values);
    }

    [Fact]
    public void A_header_with_as_many_semicolons_as_commas_is_read_with_commas()
    {
        var (csv, rows) = ReadAll("username,email;x\nann,a;b\n");
        Assert.Equal(',', csv.Delimiter);
        Assert.Equal(["username", "email;x"], csv.Header);
        Assert.Equal(["ann", "a;b"], Assert.Single(rows).Values);
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var (csv, rows) = ReadAll([0xEF, 0xBB, 0xBF, .. CsvFiles.Utf8("username;email\nzoé;zoe@example.com\n")]);
        Assert.Equal(["username", "email"], csv.Header);
        Assert.Equal(';', csv.Delimiter);
        Assert.Equal("zoé", Assert.Single(rows).Values[0]);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xFE, 0xFF })]
    public void A_UTF16_file_is_refused_with_what_to_do(byte[] bom)
    {
        var bytes = bom.Concat(Encoding.Unicode.GetBytes("username,email\nx,x@example.com\n")).ToArray();
        var refused = Assert.Throws<RequestRejectedException>(() => UsersCsvFile.Open(_files.Write(bytes)));
        Assert.Equal(("The file is not UTF-8 text", "file"), (refused.Title, refused.Field));
        Assert.Equal("The file is UTF-16; save it as CSV UTF-8 and upload it again.", refused.Message);
    }

    [Fact]
    public void A_Latin1_header_is_refused_at_open()
    {
        var bytes = CsvFiles.Utf8("username,email,pr").Concat(new byte[] { 0xE9, 0x6E, 0x6F, 0x6D, 0x0A }).ToArray();
        var refused = Assert.Throws<RequestRejectedException>(() => UsersCsvFile.Open(_files.Write(bytes)));
        Assert.Equal(("The file is not UTF-8 text", "file"), (refused.Title, refused.Field));
        Assert.Equal("Save the file as CSV UTF-8 (comma or semicolon separated) and upload it again.", refused.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xE9 })]             // Latin-1 é
    [InlineData(new byte[] { 0xC3 })]             // a sequence cut short
    [InlineData(new byte[] { 0xC0, 0xAF })]       // an overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a UTF-16 surrogate encoded as UTF-8
    public void Bytes_that_are_not_UTF8_far_into_the_file_are_refused_while_reading_never_replaced(byte[] bad)
    {
        // Past the first 64 KB buffer, so the check is the reader's, not the header's.
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"user{i},user{i}@example.com\n"));
        var bytes = CsvFiles.Utf8("username,email,firstname\n" + rows + "late,late@example.com,Ren").Concat(bad).Concat(CsvFiles.Utf8("\n")).ToArray();
        using var csv = UsersCsvFile.Open(_files.Write(bytes));
        var refused = Assert.Throws<RequestRejectedException>(() =>
        {
            while (csv.TryRead(out _)) { }
        });
        Assert.Equal(("The file is not UTF-8 text", "file"), (refused.Title, refused.Field));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    public void A_file_with_no_header_row_is_refused_as_empty(byte[] bytes)
    {
        var refused = Assert.Throws<RequestRejectedException>(() => UsersCsvFile.Open(_files.Write(bytes)));
        Assert.Equal(("The file is empty", "The CSV file has no header row.", "file"), (refused.Title, refused.Message, refused.Field));
    }

    [Fact]
    public void Quoted_values_keep_their_delimiters_doubled_quotes_and_line_breaks_and_a_row_number_counts_records_not_lines()
    {
        var (_, rows) = ReadAll("username,email,firstname\n\"ann\",\"ann@example.com\",\"Smith, \"\"Jo\"\"\"\nbob,bob@example.com,\"two\r\nlines\"\ncid,cid@example.com,C\n");
        Assert.Equal(["ann", "ann@example.com", "Smith, \"Jo\""], rows[0].Values);
        Assert.Equal(["bob", "bob@example.com", "two\r\nlines"], rows[1].Values);
        Assert.Equal((4L, "cid"), (rows[2].Number, rows[2].Values[0]));
        Assert.Equal(3, rows.Count);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void Every_kind_of_line_end_separates_rows_and_none_is_left_in_a_value(string end)
    {
        var (csv, rows) = ReadAll($"username,email{end}ann,ann@example.com{end}bob,bob@example.com{end}");
        Assert.Equal(["username", "email"], csv.Header);
        Assert.Equal([["ann", "ann@example.com"], ["bob", "bob@example.com"]], rows.Select(r => r.Values));
    }

    [Fact]
    public void A_last_row_without_a_line_end_is_read()
    {
        var (_, rows) = ReadAll("username,email\nann,ann@example.com\nbob,bob@example.com");
        Assert.Equal("bob@example.com", rows[^1].Values[1]);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Blank_lines_are_rows_of_one_empty_value_and_keep_the_numbers_of_the_rows_after_them()
    {
        var (csv, rows) = ReadAll("username,email\r\nann,ann@example.com\r\n\r\nbob,bob@example.com\r\n\r\n\r\n");
        Assert.Equal([["ann", "ann@example.com"], [""], ["bob", "bob@example.com"], [""], [""]], rows.Select(r => r.Values));
        Assert.Equal(4L, rows[2].Number);
        Assert.Equal(5, csv.RowsRead);
    }

    [Fact]
    public void Values_are_given_as_written_spaces_and_all_and_rows_may_have_more_or_fewer_values_than_the_header()
    {
        var (_, rows) = ReadAll("username,email\n  ann , ann@example.com \nbob\ncid,cid@example.com,extra,more\n");
        Assert.Equal(["  ann ", " ann@example.com "], rows[0].Values);
        Assert.Equal(["bob"], rows[1].Values);
        Assert.Equal(4, rows[2].Values.Length);
    }

    [Fact]
    public void A_very_long_value_is_read_whole()
    {
        var big = new string('x', 3_000_000);
        var (_, rows) = ReadAll($"username,email,firstname\nann,ann@example.com,\"{big}\"\nbob,bob@example.com,{big}\n");
        Assert.Equal(big, rows[0].Values[2]);
        Assert.Equal(big, rows[1].Values[2]);
    }

    [Fact]
    public void Skip_resumes_after_the_rows_a_checkpoint_says_are_done_with_their_numbers_unchanged()
    {
        using var csv = UsersCsvFile.Open(_files.Write("username,email\na,a@example.com\n\"b\nb\",b@example.com\nc,c@example.com\nd,d@example.com\n"));
        csv.Skip(2);
        Assert.True(csv.TryRead(out var row));
        Assert.Equal((4L, "c"), (row.Number, row.Values[0]));
        csv.Skip(10);
        Assert.False(csv.TryRead(out _));
        Assert.Equal(4, csv.RowsRead);
    }
}
