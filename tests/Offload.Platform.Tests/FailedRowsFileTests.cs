using System.Text;
using Offload.Jobs;
using Offload.Platform.Users.Import;

namespace Offload.Platform.Tests;

/// <summary>
/// The failed-rows file of an import (SPEC §10) and the import reading it back: formula-safe cells that come back as they
/// were, a column named error the import ignores, and an error column replaced rather than added.
/// </summary>
public sealed class FailedRowsFileTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static async IAsyncEnumerable<ItemError> Errors(params ItemError[] errors)
    {
        foreach (var e in errors) yield return e;
        await Task.CompletedTask;
    }

    private async Task<string> FailedAsync(string upload, params ItemError[] errors)
    {
        using var output = new MemoryStream();
        await FailedImportRows.WriteAsync(_files.Write(upload), Errors(errors), output, default);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+33 6")]
    [InlineData("-x")]
    [InlineData("@sum")]
    [InlineData("\tx")]
    [InlineData("'=already")]
    [InlineData("''-twice")]
    [InlineData("'plain")]
    [InlineData("O'Brien")]
    [InlineData("'")]
    [InlineData("")]
    public void Every_value_comes_back_unchanged_and_what_a_spreadsheet_would_compute_is_written_as_text(string value)
    {
        var cell = FailedRowCells.Write(value);
        Assert.Equal(value, FailedRowCells.Read(cell));
        Assert.Equal(Csv.SpreadsheetSafe.Cell(cell), cell); // nothing left for a spreadsheet to compute
    }

    [Fact]
    public async Task Failed_rows_keep_their_header_delimiter_order_and_quoting_and_get_their_messages_last()
    {
        var file = await FailedAsync("Email;UserName\r\na@x.org;ann\r\nbad;\"b;ob\"\r\nc@x.org;=cmd\r\n",
            new ItemError(3, "email", "Not valid.", "bad"), new ItemError(3, "username", "Bad \"name\".", "b;ob"),
            new ItemError(4, "username", "Bad name.", "=cmd"));
        Assert.Equal("Email;UserName;error\r\nbad;\"b;ob\";\"Not valid.; Bad \"\"name\"\".\"\r\nc@x.org;'=cmd;Bad name.\r\n", file);
    }

    [Fact]
    public async Task A_file_with_an_error_column_has_it_replaced_in_place_and_short_rows_are_padded()
    {
        var file = await FailedAsync("username,error,email\nann,old,a@x.org\nbob\n",
            new ItemError(2, "email", "New.", "a@x.org"), new ItemError(3, "", "Wrong count.", "bob"));
        Assert.Equal("username,error,email\r\nann,New.,a@x.org\r\nbob,Wrong count.,\r\n", file);
    }

    [Fact]
    public void The_import_reads_a_failed_rows_file_without_its_error_column_and_without_the_apostrophes_it_added()
    {
        using var csv = UsersCsvFile.Open(_files.Write("UserName,Error,Password\n'@ann,\"The email, it is bad\",'=secret-1\n"));
        Assert.Equal(["username", "password"], csv.Header);
        Assert.True(csv.TryRead(out var row));
        Assert.Equal(["@ann", "=secret-1"], row.Values);
        var summary = UsersCsvInspector.Inspect(_files.Write("email,error,username\nann@x.org,,ann\nann@x.org,x,ann\n"), new ImportOptions());
        Assert.Equal(["email", "username"], summary.Header);
        Assert.Equal(1, summary.Duplicates.Count); // the username found behind the error column
    }

    [Fact]
    public void A_file_without_an_error_column_is_read_as_it_is()
    {
        using var csv = UsersCsvFile.Open(_files.Write("username,password\n'@ann,'=secret-1\n"));
        Assert.True(csv.TryRead(out var row));
        Assert.Equal(["'@ann", "'=secret-1"], row.Values);
    }

    [Fact]
    public void Two_error_columns_are_a_duplicate_column()
    {
        var refused = Assert.Throws<RequestRejectedException>(() =>
            UsersCsvInspector.Inspect(_files.Write("username,email,error,ERROR\nann,a@x.org,,\n"), new ImportOptions()));
        Assert.Equal("The file has a duplicate column", refused.Title);
    }
}
