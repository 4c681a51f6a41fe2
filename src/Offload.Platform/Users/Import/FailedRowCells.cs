using Offload.Platform.Csv;

namespace Offload.Platform.Users.Import;

/// <summary>
/// The cells of a failed-rows file: formula-safe as every download (<see cref="SpreadsheetSafe"/>), yet given back
/// unchanged when the file is imported again. A cell is written with one more leading apostrophe exactly when it
/// starts with any number of apostrophes and then a character a spreadsheet would compute; reading removes that one
/// apostrophe under the same condition, so every value survives the round trip — a password "=x1!" included.
/// </summary>
public static class FailedRowCells
{
    public static string Write(string? value) => value is { } v && Guarded(v) ? "'" + v : value ?? "";

    /// <summary>The value <see cref="Write"/> was given, from what it wrote.</summary>
    public static string Read(string cell) => cell.Length > 1 && cell[0] == '\'' && Guarded(cell[1..]) ? cell[1..] : cell;

    /// <summary>Starts with a character <see cref="SpreadsheetSafe"/> guards, possibly after apostrophes.</summary>
    private static bool Guarded(string value)
    {
        var at = 0;
        while (at < value.Length && value[at] == '\'') at++;
        return at < value.Length && SpreadsheetSafe.Cell(value[at..(at + 1)]).Length > 1;
    }
}
