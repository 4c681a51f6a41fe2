namespace Offload.Platform.Csv;

/// <summary>
/// Neutralizes CSV formula injection: a cell a spreadsheet would evaluate (starting with = + - @ tab or CR)
/// is prefixed with an apostrophe, which spreadsheets show as text (OWASP "CSV Injection").
/// </summary>
public static class SpreadsheetSafe
{
    public static string Cell(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value ?? "";
}
