namespace Offload.Platform.Users.Import;

/// <summary>What the upload check learned: enough to size the job and to flag in-file duplicates later.</summary>
/// <param name="Duplicates">The data rows whose username appeared on an earlier row, with that row.</param>
public sealed record ImportFileSummary(char Delimiter, IReadOnlyList<string> Header, long Rows, DuplicateRows Duplicates);

/// <summary>
/// Reads an uploaded users CSV once, streaming, before any job exists: refuses a file a job could not
/// make sense of (SPEC §3) and counts its rows so the job's total is exact.
/// </summary>
public static class UsersCsvInspector
{
    public static ImportFileSummary Inspect(string path, ImportOptions limits)
    {
        if (new FileInfo(path).Length == 0)
            throw new RequestRejectedException("The file is empty", "The uploaded file has no content.", "file");
        using var csv = UsersCsvFile.Open(path);
        CheckHeader(csv.Columns);
        var usernameAt = csv.FileColumnOf(IndexOf(csv.Header, ImportColumns.Username));
        var usernames = new UsernameHashes();
        // Values are looked at as spans of the reader's buffer: no string is made for any of a million rows.
        while (csv.MoveNext())
        {
            if (csv.RowsRead > limits.MaxRows)
                throw new RequestRejectedException("The file has too many rows",
                    "A users CSV may hold at most {0:N0} rows; split the file and import each part.", "file", args: [limits.MaxRows]);
            var row = csv.Current;
            var number = csv.RowsRead + 1;
            if (row.Span.Contains('\0'))
                throw new RequestRejectedException("The file is not a CSV text file",
                    "Row {0} contains a binary (NUL) character.", "file", args: [number]);
            if (usernameAt < row.ColCount && row[usernameAt].Span.Trim() is { Length: > 0 } username)
                usernames.Add(username, number);
        }
        if (csv.RowsRead == 0)
            throw new RequestRejectedException("The file has no rows", "The CSV file has a header but no user rows.", "file");
        return new ImportFileSummary(csv.Delimiter, csv.Header, csv.RowsRead, usernames.FindDuplicates());
    }

    private static void CheckHeader(IReadOnlyList<string> header)
    {
        var seen = new HashSet<string>();
        foreach (var name in header)
        {
            if (!ImportColumns.All.Contains(name) && name != ImportColumns.Error)
                throw new RequestRejectedException("The file has an unknown column",
                    "Column '{0}' is not known. Allowed columns: {1}.", RequestRejectedException.Quote(name),
                    args: [RequestRejectedException.Quote(name), string.Join(", ", ImportColumns.All)]);
            if (!seen.Add(name))
                throw new RequestRejectedException("The file has a duplicate column",
                    "Column '{0}' appears more than once in the header.", RequestRejectedException.Quote(name), args: [RequestRejectedException.Quote(name)]);
        }
        foreach (var required in ImportColumns.Required)
        {
            if (!seen.Contains(required))
                throw new RequestRejectedException("The file misses a required column",
                    "The header must contain a '{0}' column.", required, args: [required]);
        }
    }

    internal static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
            if (header[i] == column) return i;
        return -1;
    }
}
