using Offload.Platform.Csv;

namespace Offload.Platform.Tests;

/// <summary>A downloaded CSV (error log, export) opened in a spreadsheet runs no formula from a value someone typed.</summary>
public sealed class SpreadsheetSafeTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+SUM(A1)")]
    [InlineData("-2+3")]
    [InlineData("@cmd")]
    [InlineData("\tx")]
    [InlineData("\rY")]
    [InlineData("=")]
    public void A_cell_a_spreadsheet_would_evaluate_is_turned_into_text(string value)
    {
        Assert.Equal("'" + value, SpreadsheetSafe.Cell(value));
    }

    [Theory]
    [InlineData("ann")]
    [InlineData("a=b")]
    [InlineData("ann@example.com")]
    [InlineData(" =not first")]
    [InlineData("'=already text")]
    public void Any_other_value_is_left_as_it_is(string value)
    {
        Assert.Equal(value, SpreadsheetSafe.Cell(value));
    }

    [Fact]
    public void No_value_is_an_empty_cell()
    {
        Assert.Equal("", SpreadsheetSafe.Cell(null));
        Assert.Equal("", SpreadsheetSafe.Cell(""));
    }
}
