using System.Buffers;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// <see cref="ChangeGroup"/>s as a record's payload: per group its key, time and size, then its user ids as ascending
/// deltas, every number a variable-length integer (LEB128, signed ones zigzagged). A chunk of consecutive ids costs
/// about a byte per item, so recording stays a small part of what the chunk writes.
/// </summary>
public static class ChangePayload
{
    public static byte[] Encode(IEnumerable<ChangeGroup> groups)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        foreach (var g in groups)
        {
            Write(buffer, Zig(g.Key));
            Write(buffer, Zig(g.At));
            Write(buffer, (ulong)g.UserIds.Count);
            long previous = 0;
            foreach (var id in g.UserIds)
            {
                Write(buffer, Zig(id - previous));
                previous = id;
            }
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static IReadOnlyList<ChangeGroup> Decode(byte[] payload)
    {
        var groups = new List<ChangeGroup>();
        var at = 0;
        while (at < payload.Length)
        {
            var key = Unzig(Read(payload, ref at));
            var time = Unzig(Read(payload, ref at));
            var count = checked((int)Read(payload, ref at));
            var ids = new long[count];
            long previous = 0;
            for (var i = 0; i < count; i++) ids[i] = previous += Unzig(Read(payload, ref at));
            groups.Add(new ChangeGroup(key, time, ids));
        }
        return groups;
    }

    /// <summary>Groups (key, time, user) triples, each group's users ascending, for <see cref="Encode"/>.</summary>
    public static IReadOnlyList<ChangeGroup> Group<T>(IEnumerable<T> items, Func<T, long> key, Func<T, long> at, Func<T, long> user) =>
        [.. items.GroupBy(i => (Key: key(i), At: at(i))).OrderBy(g => g.Key)
            .Select(g => new ChangeGroup(g.Key.Key, g.Key.At, [.. g.Select(user).Order()]))];

    private static ulong Zig(long v) => (ulong)((v << 1) ^ (v >> 63));

    private static long Unzig(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    private static void Write(ArrayBufferWriter<byte> buffer, ulong v)
    {
        var span = buffer.GetSpan(10);
        var n = 0;
        while (v >= 0x80)
        {
            span[n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[n++] = (byte)v;
        buffer.Advance(n);
    }

    private static ulong Read(byte[] payload, ref int at)
    {
        ulong v = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at >= payload.Length || shift > 63) throw new InvalidDataException("A change record of the job is damaged.");
            var b = payload[at++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return v;
        }
    }
}
