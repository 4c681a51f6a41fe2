using Offload.Jobs;

namespace Offload.Platform.Users.Import;

/// <summary>
/// Everything an import checks about a row before the database has its say: blank lines, usernames repeated
/// within the file, then the parser's field rules. The job and the preview both check rows here, so the
/// preview's error rows are the job's.
/// </summary>
public sealed class ImportRowChecker(UserRowParser parser, DuplicateRows duplicates)
{
    public const string UsedEarlier = "The username is already used on an earlier row of this file.";

    /// <summary>A blank line is no user and no error: it counts in the file's rows (the job's total) and nowhere else.</summary>
    public static bool IsBlank(CsvRow row) => row.Values is [""];

    /// <summary>The user a non-blank row describes, or null after adding its error rows to <paramref name="errors"/>.</summary>
    public ImportedUser? Check(CsvRow row, List<ItemError> errors)
    {
        if (duplicates.TryGetFirst(row.Number, out _))
        {
            errors.Add(new ItemError(row.Number, ImportColumns.Username, UsedEarlier, row.Values[parser.UsernameAt]));
            return null;
        }
        return parser.Parse(row, errors);
    }
}
