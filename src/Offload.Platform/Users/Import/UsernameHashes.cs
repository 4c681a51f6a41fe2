using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Offload.Platform.Users.Import;

/// <summary>
/// Collects one 64-bit hash of every row's lower-cased username, then sorts them to find the rows that
/// repeat an earlier one. Two flat arrays (16 bytes a row: 16 MB for a million rows) instead of a
/// hash map of the same pairs, which took two to four times that and left it behind on the heap.
/// A false duplicate needs a 64-bit collision: odds of about 1 in 30 million for a million distinct usernames.
/// </summary>
internal sealed class UsernameHashes
{
    private ulong[] _hashes = new ulong[4096];
    private long[] _rows = new long[4096];
    private int _count;

    public void Add(ReadOnlySpan<char> username, long row)
    {
        if (_count == _hashes.Length)
        {
            Array.Resize(ref _hashes, _count * 2);
            Array.Resize(ref _rows, _count * 2);
        }
        _hashes[_count] = Hash(username);
        _rows[_count] = row;
        _count++;
    }

    /// <summary>Every row whose username hash equals an earlier row's, with the first such row.</summary>
    public DuplicateRows FindDuplicates()
    {
        var hashes = _hashes.AsSpan(0, _count);
        var rows = _rows.AsSpan(0, _count);
        hashes.Sort(rows);
        var duplicateRows = new List<long>();
        var firsts = new List<long>();
        for (var start = 0; start < hashes.Length;)
        {
            var end = start + 1;
            while (end < hashes.Length && hashes[end] == hashes[start]) end++;
            if (end - start > 1)
            {
                // The sort is not stable: the earliest row of a run is its smallest number.
                var run = rows[start..end];
                run.Sort();
                for (var i = 1; i < run.Length; i++)
                {
                    duplicateRows.Add(run[i]);
                    firsts.Add(run[0]);
                }
            }
            start = end;
        }
        var sortedRows = duplicateRows.ToArray();
        var sortedFirsts = firsts.ToArray();
        Array.Sort(sortedRows, sortedFirsts);
        return new DuplicateRows(sortedRows, sortedFirsts);
    }

    private static ulong Hash(ReadOnlySpan<char> username)
    {
        // Lower-cased the way string.ToLowerInvariant does, without a string per row.
        char[]? rented = null;
        var lower = username.Length <= 256 ? stackalloc char[username.Length] : (rented = ArrayPool<char>.Shared.Rent(username.Length)).AsSpan(0, username.Length);
        username.ToLowerInvariant(lower);
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(lower));
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return hash;
    }
}
