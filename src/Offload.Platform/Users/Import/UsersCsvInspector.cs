using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Offload.Platform.Users.Import;

/// <summary>What the upload check learned: enough to size the job and to flag in-file duplicates later.</summary>
/// <param name="Duplicates">Data row number → the earlier row with the same username.</param>
public sealed record ImportFileSummary(char Delimiter, IReadOnlyList<string> Header, long Rows,
    IReadOnlyDictionary<long, long> Duplicates);

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
        CheckHeader(csv.Header);
        var usernameAt = IndexOf(csv.Header, ImportColumns.Username);
        // 64-bit hashes keep a million usernames in a few MB; a false duplicate needs a 1-in-10^13 collision.
        var firstRowOf = new Dictionary<ulong, long>();
        var duplicates = new Dictionary<long, long>();
        while (csv.TryRead(out var row))
        {
            if (csv.RowsRead > limits.MaxRows)
                throw new RequestRejectedException("The file has too many rows",
                    $"A users CSV may hold at most {limits.MaxRows:N0} rows; split the file and import each part.", "file");
            foreach (var value in row.Values)
            {
                if (value.Contains('\0'))
                    throw new RequestRejectedException("The file is not a CSV text file",
                        $"Row {row.Number} contains a binary (NUL) character.", "file");
            }
            if (usernameAt < row.Values.Length && row.Values[usernameAt].Trim() is { Length: > 0 } username)
            {
                var key = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(username.ToLowerInvariant().AsSpan()));
                ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(firstRowOf, key, out var seen);
                if (seen) duplicates[row.Number] = first;
                else first = row.Number;
            }
        }
        if (csv.RowsRead == 0)
            throw new RequestRejectedException("The file has no rows", "The CSV file has a header but no user rows.", "file");
        return new ImportFileSummary(csv.Delimiter, csv.Header, csv.RowsRead, duplicates);
    }

    private static void CheckHeader(IReadOnlyList<string> header)
    {
        var seen = new HashSet<string>();
        foreach (var name in header)
        {
            if (!ImportColumns.All.Contains(name))
                throw new RequestRejectedException("The file has an unknown column",
                    $"Column '{name}' is not known. Allowed columns: {string.Join(", ", ImportColumns.All)}.", name);
            if (!seen.Add(name))
                throw new RequestRejectedException("The file has a duplicate column",
                    $"Column '{name}' appears more than once in the header.", name);
        }
        foreach (var required in ImportColumns.Required)
        {
            if (!seen.Contains(required))
                throw new RequestRejectedException("The file misses a required column",
                    $"The header must contain a '{required}' column.", required);
        }
    }

    internal static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
            if (header[i] == column) return i;
        return -1;
    }

    /// <summary>Writes the duplicates map next to the upload; the job reads it back when it starts.</summary>
    public static void SaveDuplicates(IReadOnlyDictionary<long, long> duplicates, string path)
    {
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(duplicates.Count);
        foreach (var (row, first) in duplicates)
        {
            writer.Write(row);
            writer.Write(first);
        }
    }

    public static Dictionary<long, long> LoadDuplicates(string path)
    {
        var map = new Dictionary<long, long>();
        if (!File.Exists(path)) return map;
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++) map[reader.ReadInt64()] = reader.ReadInt64();
        return map;
    }
}
