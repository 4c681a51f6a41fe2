namespace Offload.Platform.Users.Import;

/// <summary>
/// The rows of an upload whose username already appeared earlier in the file, each with that earlier
/// row's number. Kept as two sorted arrays (16 bytes a duplicate) rather than a dictionary, since a
/// file of one repeated username has as many duplicates as rows.
/// </summary>
public sealed class DuplicateRows
{
    public static readonly DuplicateRows None = new([], []);

    private readonly long[] _rows;
    private readonly long[] _firsts;

    /// <param name="rows">Data row numbers, ascending.</param>
    /// <param name="firsts">For each row, the earlier row with the same username.</param>
    internal DuplicateRows(long[] rows, long[] firsts)
    {
        _rows = rows;
        _firsts = firsts;
    }

    public int Count => _rows.Length;

    /// <summary>True when <paramref name="row"/> repeats an earlier row's username; <paramref name="first"/> is that row.</summary>
    public bool TryGetFirst(long row, out long first)
    {
        var at = Array.BinarySearch(_rows, row);
        first = at >= 0 ? _firsts[at] : 0;
        return at >= 0;
    }

    /// <summary>Writes the list next to the upload (count, then row/first pairs): the job reads it back when it starts.</summary>
    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(_rows.Length);
        for (var i = 0; i < _rows.Length; i++)
        {
            writer.Write(_rows[i]);
            writer.Write(_firsts[i]);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote; no file means no duplicates.</summary>
    public static DuplicateRows Load(string path)
    {
        if (!File.Exists(path)) return None;
        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        var rows = new long[count];
        var firsts = new long[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = reader.ReadInt64();
            firsts[i] = reader.ReadInt64();
        }
        // Files written before the list was kept sorted came from a dictionary, in no particular order.
        Array.Sort(rows, firsts);
        return new DuplicateRows(rows, firsts);
    }
}
